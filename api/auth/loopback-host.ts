// DNS rebinding: a page on evil.example re-points its name at 127.0.0.1 and then calls the open
// demo's API as a same-origin page. Its requests carry Host: evil.example, so open mode serves only
// requests whose Host is a loopback name and (on a real socket) the port the request came in on.
import type { Context } from "hono";

export function isLoopbackHostHeader(c: Context): boolean {
  const host = c.req.header("host") ?? new URL(c.req.url).host; // app.request() in tests sends none
  const match = /^(localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?$/i.exec(host);
  if (!match) return false;
  const localPort = (c.env as { incoming?: { socket?: { localPort?: number } } } | undefined)?.incoming?.socket?.localPort;
  return localPort === undefined || Number(match[2] ?? 80) === localPort;
}
