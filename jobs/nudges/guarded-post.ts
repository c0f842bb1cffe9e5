// One HTTP(S) POST that connects only where the address guard allows (checked on the address DNS
// gave, so the name cannot be re-pointed between check and connect) and never follows a redirect.
import { lookup as dnsLookup } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { WebhookAddressGuard } from "./webhook-address-guard";

/** A refused destination: retrying will not help. */
export class RefusedDestination extends Error {}

export function guardedPost(url: URL, payload: string, headers: Record<string, string>, guard: WebhookAddressGuard, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const literal = isIP(host) ? guard.refusal(host, host) : null; // an IP host is never looked up
    if (literal) return reject(new RefusedDestination(literal));
    const lookup = (hostname: string, options: object, callback: (...args: unknown[]) => void) =>
      dnsLookup(hostname, options, (error, address: unknown, family?: number) => {
        if (error) return callback(error);
        const all = Array.isArray(address) ? (address as Array<{ address: string }>) : [{ address: address as string }];
        const refused = all.map((a) => guard.refusal(hostname, a.address)).find((r) => r !== null);
        callback(refused ? new RefusedDestination(refused) : null, address, family);
      });
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(payload)) }, lookup: lookup as never }, (res) => {
      clearTimeout(timer);
      res.resume(); // the answer's body is not read: only its status counts
      resolve(res.statusCode ?? 0);
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error("timed out"), { name: "TimeoutError" })), timeoutMs);
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(payload);
  });
}
