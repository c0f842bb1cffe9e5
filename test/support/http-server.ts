// A test app on a real socket, for what app.request() cannot show: parallel requests and the
// client's address (a request can come from any 127.x.y.z, which Linux routes to loopback).
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface Listening {
  port: number;
  /** POST a JSON body from localAddress; resolves with the status. */
  post(path: string, body: unknown, from?: { localAddress?: string; headers?: Record<string, string> }): Promise<number>;
  close(): Promise<void>;
}

export async function listen(app: Hono): Promise<Listening> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const post = (path: string, body: unknown, from: { localAddress?: string; headers?: Record<string, string> } = {}) =>
    new Promise<number>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request({ host: "127.0.0.1", port, path, method: "POST", localAddress: from.localAddress, agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...from.headers } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.on("error", reject);
      req.end(payload);
    });
  return { port, post, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
