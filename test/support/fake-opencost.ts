// An OpenCost API on 127.0.0.1 for the pull's tests: each cluster's base URL is `${base}/<cluster>`,
// answering what the test sets for it (404 otherwise), and every request it saw is kept; and the
// answers' JSON, as OpenCost's /allocation writes it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface FakeOpenCost {
  base: string;
  /** Per cluster, the answer to a request (its URL). */
  answers: Map<string, (url: URL) => FakeAnswer>;
  seen: { cluster: string; url: URL; authorization?: string }[];
  close(): Promise<void>;
}

export async function startFakeOpenCost(): Promise<FakeOpenCost> {
  const answers = new Map<string, (url: URL) => FakeAnswer>();
  const seen: FakeOpenCost["seen"] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url!, "http://127.0.0.1");
    const cluster = url.pathname.split("/")[1]!;
    seen.push({ cluster, url, authorization: request.headers.authorization });
    const answer = answers.get(cluster)?.(url) ?? { status: 404, body: "no such cluster" };
    response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, answers, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Answers 200 with the body given for the request's aggregate, 400 for another. */
export const byAggregate = (bodies: Record<string, string>) => (url: URL): FakeAnswer => {
  const body = bodies[url.searchParams.get("aggregate") ?? ""];
  return body === undefined ? { status: 400, body: "unexpected aggregate" } : { status: 200, body };
};

export interface AllocationFigures {
  namespace?: string;
  cpuCost?: number;
  ramCost?: number;
  totalCost: number;
  cpuCoreRequestAverage?: number;
  cpuCoreUsageAverage?: number;
  ramByteRequestAverage?: number;
  ramByteUsageAverage?: number;
}

/** An /allocation answer with one set per day (step=1d): each allocation by name, over the whole day. */
export function allocationAnswer(cluster: string, days: { day: string; allocations: Record<string, AllocationFigures> }[]): string {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const sets = days.map(({ day, allocations }) =>
    Object.fromEntries(
      Object.entries(allocations).map(([name, { namespace, cpuCost = 0, ramCost = 0, ...rest }]) => [
        name,
        { name, properties: { cluster, ...(namespace && { namespace }) }, window: { start: `${day}T00:00:00Z`, end: `${next(day)}T00:00:00Z` }, minutes: 1440, cpuCost, gpuCost: 0, ramCost, pvCost: 0, networkCost: 0, ...rest },
      ]),
    ),
  );
  return JSON.stringify({ code: 200, data: sets });
}
