// A webhook receiver on 127.0.0.1 for delivery tests: it can fail the first N requests of each message, and it honours
// the Idempotency-Key header the way a careful receiver would (a repeated key is answered 200 and
// not processed again), while counting every request so tests can see duplicates on the wire.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  path: string;
  idempotencyKey: string | null;
  body: unknown;
  answered: number;
}

export interface WebhookReceiver {
  url(path?: string): string;
  /** Every request, in order, whatever it was answered. */
  requests: ReceivedRequest[];
  /** Messages processed once each, by idempotency key (requests without a key are keyed by position). */
  accepted: Map<string, unknown>;
  /** Requests repeating a key already processed. */
  duplicates: number;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  /** Answer the first `failFirst` requests of each idempotency key with `failStatus` (default 500). */
  failFirst?: number;
  failStatus?: number;
  /** Only keys passing this fail (default: all). */
  failWhen?: (key: string | null) => boolean;
}

export async function startWebhookReceiver(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const accepted = new Map<string, unknown>();
  let duplicates = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      const key = (request.headers["idempotency-key"] as string | undefined) ?? null;
      const seen = requests.filter((r) => r.idempotencyKey === key).length;
      const failing = seen < (options.failFirst ?? 0) && (options.failWhen?.(key) ?? true);
      const answered = failing ? (options.failStatus ?? 500) : 200;
      requests.push({ path: request.url ?? "/", idempotencyKey: key, body, answered });
      if (!failing) {
        const id = key ?? `request-${requests.length}`;
        if (accepted.has(id)) duplicates++;
        else accepted.set(id, body);
      }
      response.writeHead(answered, { "content-type": "text/plain" });
      response.end(failing ? "try again" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/hooks/T000/B000/secret-token-abcd") => `http://127.0.0.1:${port}${path}`,
    requests,
    accepted,
    get duplicates() {
      return duplicates;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
