// Calls an AWS API with the job's own retry policy on top of the SDK's, and counts requests.
// The SDK already retries throttling and 5xx a few times; when it gives up, the job waits longer
// (exponential backoff) before trying the same page again, so a throttling storm delays a sync
// instead of failing it. Permanent errors (validation, access denied) fail at once.

export interface RetryPolicy {
  retries: number; // job-level retries after the SDK has given up
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const transientCodes = new Set([
  "LimitExceededException",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "InternalServerError",
  "InternalServiceException",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

export function isTransientAwsError(error: unknown): boolean {
  const e = error as SdkErrorShape;
  if (e.$retryable) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return transientCodes.has(e.name ?? "") || transientCodes.has(e.code ?? "");
}

/** Counts what a run spent: billable requests (answered pages) and attempts (with every retry). */
export class ApiCallBudget {
  requests = 0;
  attempts = 0;

  constructor(private readonly policy: RetryPolicy) {}

  async call<T extends { $metadata?: { attempts?: number } }>(send: () => Promise<T>): Promise<T> {
    const sleep = this.policy.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
    for (let retry = 0; ; retry++) {
      try {
        const output = await send();
        this.requests += 1;
        this.attempts += output.$metadata?.attempts ?? 1;
        return output;
      } catch (error) {
        this.attempts += (error as SdkErrorShape).$metadata?.attempts ?? 1;
        if (retry >= this.policy.retries || !isTransientAwsError(error)) throw error;
        await sleep(this.policy.baseDelayMs * 2 ** retry);
      }
    }
  }
}
