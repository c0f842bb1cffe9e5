// The TCP peer of a request (never a forwarded-for header, which any client can write).
import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

export function peerAddress(c: Context): string | null {
  try {
    const address = getConnInfo(c).remote.address ?? null;
    return address?.startsWith("::ffff:") ? address.slice(7) : address; // IPv4 seen through an IPv6 socket
  } catch {
    return null; // app.request() in tests has no socket
  }
}
