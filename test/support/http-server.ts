// A test app on a real socket, for what app.request() cannot show: parallel requests and the
// client's address (a request can come from any 127.x.y.z, which Linux routes to loopback).
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

/** Where a request comes from; a header given as a list is sent as that many header lines. */
export interface From {
  localAddress?: string;
  headers?: Record<string, string | string[]>;
}

export interface Listening {
  port: number;
  /** POST a JSON body; resolves with the status. */
  post(path: string, body: unknown, from?: From): Promise<number>;
  get(path: string, from?: From): Promise<number>;
  close(): Promise<void>;
}

export async function listen(app: Hono): Promise<Listening> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const send = (method: string, path: string, body: unknown, from: From = {}) =>
    new Promise<number>((resolve, reject) => {
      const payload = body === undefined ? "" : JSON.stringify(body);
      const req = request({ host: "127.0.0.1", port, path, method, localAddress: from.localAddress, agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...from.headers } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.on("error", reject);
      req.end(payload);
    });
  return { port, post: (path, body, from) => send("POST", path, body, from), get: (path, from) => send("GET", path, undefined, from), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
