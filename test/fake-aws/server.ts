// A fake AWS endpoint for the real SDK clients: AWS JSON 1.1 over node:http on 127.0.0.1,
// dispatching on X-Amz-Target to the Cost Explorer and Tagging emulators (or any implementation
// of the same interfaces), logging every request and playing back injected faults.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { AwsApiError, type CostExplorerApi, type TaggingApi } from "../../jobs/sources/aws-apis.js";
import { FaultQueue, type Fault } from "./faults.js";
import { listenLocal } from "./listen-local.js";
import { commitmentOperations } from "./commitment-operations.js";
import type { CommitmentsApi } from "../../jobs/sources/commitments-api.js";

export type { Fault, FaultKind } from "./faults.js";

export interface FakeAwsOptions {
  costExplorer: CostExplorerApi;
  tagging: TaggingApi;
  commitments?: CommitmentsApi;
}

export interface LoggedRequest {
  target: string;
  /** From the SigV4 credential scope; undefined when the request was not signed. */
  region: string | undefined;
  body: unknown;
  /** HTTP status answered; 0 when the connection was dropped. */
  status: number;
  /** The error code answered, if any. */
  errorCode?: string;
  fault?: Fault["kind"];
}

export interface FakeAws {
  url: string;
  requests: LoggedRequest[];
  injectFaults(faults: Fault[]): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const CE_PREFIX = "AWSInsightsIndexService.";
const TAGGING_PREFIX = "ResourceGroupsTaggingAPI_20170126.";

// Bodies go to the emulators as sent: validating them is the emulators' job, as it is AWS's.
type Operation = (body: never, region: string | undefined) => Promise<object>;

export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAws> {
  const operations: Record<string, Operation> = {
    ...commitmentOperations(options.commitments),
    [`${CE_PREFIX}GetCostAndUsage`]: (body) => options.costExplorer.getCostAndUsage(body),
    [`${CE_PREFIX}GetDimensionValues`]: (body) => options.costExplorer.getDimensionValues(body),
    [`${TAGGING_PREFIX}GetResources`]: (body, region) => {
      // Tagging is regional: AWS knows the region from the host; the fake reads the signature's scope.
      if (!region) throw new AwsApiError("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
      return options.tagging.getResources(region, body);
    },
  };
  const faults = new FaultQueue();
  const requests: LoggedRequest[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      // A bug in the fake itself: answer 500 so the test fails loudly rather than hanging.
      if (!res.headersSent) sendJson(res, 500, { __type: "InternalFailure", message: String(error) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers["x-amz-target"] ?? "");
    const region = signingRegion(req.headers.authorization);
    const raw = await readBody(req);
    const log: LoggedRequest = { target, region, body: undefined, status: 0 };
    requests.push(log);

    const answer = (payload: object) => {
      log.status = 200;
      sendJson(res, 200, payload);
    };
    const fail = (status: number, code: string, message: string) => {
      log.status = status;
      log.errorCode = code;
      sendJson(res, status, { __type: code, message });
    };

    if (req.method !== "POST") return fail(405, "UnknownOperationException", `${req.method} is not supported`);
    const operation = operations[target];
    if (!operation) return fail(400, "UnknownOperationException", `Unknown operation ${JSON.stringify(target)}`);
    try {
      log.body = raw.length === 0 ? {} : JSON.parse(raw);
    } catch {
      return fail(400, "SerializationException", "Request body is not valid JSON");
    }

    const fault = faults.take(target);
    if (fault) log.fault = fault.kind;
    if (fault?.kind === "delay") await sleep(fault.delayMs ?? 0);
    if (fault?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "throttle") {
      return target.startsWith(CE_PREFIX)
        ? fail(400, "LimitExceededException", "Rate limit exceeded")
        : fail(400, "ThrottledException", "Rate exceeded");
    }
    if (fault?.kind === "serverError") {
      const code = target.startsWith(CE_PREFIX) ? "InternalServerError" : "InternalServiceException";
      return fail(500, code, "We encountered an internal error. Please try again.");
    }

    try {
      const { $metadata: _metadata, ...output } = (await operation(log.body as never, region)) as { $metadata?: unknown };
      if (fault?.kind === "truncate") return truncate(res, output);
      if (fault?.kind === "missingMetric") withoutMetric(output, fault.metric ?? "AmortizedCost");
      answer(output);
      faults.recordSuccess(target);
    } catch (error) {
      if (!(error instanceof AwsApiError)) throw error;
      fail(error.httpStatus, error.name, error.message);
    }
  }

  const listening = await listenLocal(server);

  return {
    url: listening.url,
    requests,
    injectFaults: (list) => faults.add(list),
    clearFaults: () => faults.clear(),
    close: () => listening.close(),
  };
}

/** The region of a SigV4 credential scope: "Credential=AKID/20240101/eu-west-1/tagging/aws4_request". */
export function signingRegion(authorization: string | undefined): string | undefined {
  return authorization?.match(/Credential=[^/,\s]+\/\d{8}\/([^/]+)\/[^/]+\/aws4_request/)?.[1];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The connection drops mid-answer: full headers, half the body, then the socket closes. */
function truncate(res: ServerResponse, payload: object): void {
  const body = Buffer.from(JSON.stringify(payload));
  res.writeHead(200, { "Content-Type": "application/x-amz-json-1.1", "Content-Length": body.length, "x-amzn-RequestId": randomUUID() });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

function sendJson(res: ServerResponse, status: number, payload: object): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    "Content-Type": "application/x-amz-json-1.1",
    "Content-Length": Buffer.byteLength(body),
    "x-amzn-RequestId": randomUUID(),
  });
  res.end(body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Leaves one metric out of every group of a GetCostAndUsage answer (the "missingMetric" fault). */
function withoutMetric(output: { ResultsByTime?: { Groups?: { Metrics?: Record<string, unknown> }[] }[] }, metric: string): void {
  for (const result of output.ResultsByTime ?? []) for (const group of result.Groups ?? []) delete group.Metrics?.[metric];
}
