// Cross-site request forgery. Two layers: any state-changing request that a browser marks as
// cross-site (Sec-Fetch-Site, or an Origin whose host is not ours) is refused in every mode; and a
// request authenticated by the session cookie must echo the session's CSRF token in a header,
// which a page on another site cannot read (the cookie carrying it is same-site only).
import type { Context, MiddlewareHandler } from "hono";
import { csrfTokenOf, sameSecret } from "../../jobs/access/secrets";
import { ApiError } from "../errors";
import { CSRF_HEADER } from "./cookies";

const SAFE = /^(GET|HEAD|OPTIONS)$/;

export const rejectCrossSite: MiddlewareHandler = async (c, next) => {
  if (!SAFE.test(c.req.method)) {
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    const host = c.req.header("host");
    const crossSite = site === "cross-site" || site === "same-site" || (origin !== undefined && origin !== "null" && host !== undefined && hostOf(origin) !== host);
    if (crossSite || origin === "null") throw new ApiError("FORBIDDEN", "cross-site requests may not change anything");
  }
  await next();
};

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function checkSessionCsrf(c: Context, sessionToken: string): void {
  if (SAFE.test(c.req.method)) return;
  const sent = c.req.header(CSRF_HEADER) ?? "";
  if (!sameSecret(sent, csrfTokenOf(sessionToken))) throw new ApiError("FORBIDDEN", `missing or wrong ${CSRF_HEADER} header (sign in again if the page is old)`);
}
