// Real SDK clients pointed at the fake endpoint: static dummy credentials (nothing leaves the
// machine) and a configurable, near-instant retry policy so retry tests stay fast.
import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
// @smithy/core comes with the SDK (it is not a direct dependency of Tallyboard).
import { ConfiguredRetryStrategy } from "@smithy/core/retry";

export interface FakeClientOptions {
  /** Attempts per call including the first; the SDK's default is 3. */
  maxAttempts?: number;
  /** Wait between attempts; the SDK's default backoff is 100 ms+ with jitter (throttling: 500 ms+). */
  retryDelayMs?: number;
}

export const FAKE_CREDENTIALS = { accessKeyId: "AKIDFAKEAWSTEST", secretAccessKey: "fake-secret-access-key" };

function sharedConfig(endpoint: string, options: FakeClientOptions) {
  return {
    endpoint,
    credentials: FAKE_CREDENTIALS,
    retryStrategy: new ConfiguredRetryStrategy(options.maxAttempts ?? 3, options.retryDelayMs ?? 1),
  };
}

/** Cost Explorer is global and signed for us-east-1, as against real AWS. */
export function fakeCostExplorerClient(fake: { url: string }, options: FakeClientOptions = {}): CostExplorerClient {
  return new CostExplorerClient({ region: "us-east-1", ...sharedConfig(fake.url, options) });
}

/** Tagging is regional: the fake reads the region back out of the request signature. */
export function fakeTaggingClient(fake: { url: string }, region: string, options: FakeClientOptions = {}): ResourceGroupsTaggingAPIClient {
  return new ResourceGroupsTaggingAPIClient({ region, ...sharedConfig(fake.url, options) });
}
