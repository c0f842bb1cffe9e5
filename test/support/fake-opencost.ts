// An OpenCost API on 127.0.0.1 for the pull's tests: each cluster's base URL is `${base}/<cluster>`,
// answering what the test sets for it (404 otherwise), and every request it saw is kept.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface FakeOpenCost {
  base: string;
  answers: Map<string, (request: IncomingMessage) => FakeAnswer>;
  seen: { cluster: string; url: URL; authorization?: string }[];
  close(): Promise<void>;
}

export async function startFakeOpenCost(): Promise<FakeOpenCost> {
  const answers = new Map<string, (request: IncomingMessage) => FakeAnswer>();
  const seen: FakeOpenCost["seen"] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url!, "http://127.0.0.1");
    const cluster = url.pathname.split("/")[1]!;
    seen.push({ cluster, url, authorization: request.headers.authorization });
    const answer = answers.get(cluster)?.(request) ?? { status: 404, body: "no such cluster" };
    response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, answers, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
