// Finds who is asking, by one of: a Bearer API token (any mode), a session cookie (local mode),
// the single sign-on proxy's headers (proxy mode, only from the trusted proxy), or nobody needed
// (open demo mode: everyone is an admin, named by x-actor if the client gives a name, as long as
// the request names a loopback Host: see loopback-host.ts).
// It only identifies; policy.ts decides what the identity may do.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { DbOrTx } from "../../db/client";
import type { AuthConfig, ProxyAuthConfig } from "../../jobs/config/auth-config";
import { digestToken, sameSecret } from "../../jobs/access/secrets";
import { useToken } from "../../db/queries/access-tokens";
import { findSessionUser } from "../../db/queries/access-sessions";
import { findUserByEmail } from "../../db/queries/access-users";
import { ApiError } from "../errors";
import { setIdentity, type Identity } from "./identity";
import { peerAddress } from "./peer-address";
import { checkSessionCsrf } from "./csrf";
import { isLoopbackHostHeader } from "./loopback-host";
import { SESSION_COOKIE } from "./cookies";

const bearerOf = (c: Context) => /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];

export function authenticate(db: DbOrTx, auth: AuthConfig): MiddlewareHandler {
  return async (c, next) => {
    const identity = await identify(c, db, auth);
    if (identity) setIdentity(c, identity);
    await next();
  };
}

async function identify(c: Context, db: DbOrTx, auth: AuthConfig): Promise<Identity | undefined> {
  const bearer = bearerOf(c);
  if (bearer) {
    const token = await useToken(db, digestToken(bearer));
    if (!token) throw new ApiError("UNAUTHORIZED", "the API token is unknown, revoked or expired");
    return { actor: `token:${token.name}`, role: token.role, teamId: token.teamId, via: "token" };
  }
  if (auth.mode === "open") {
    if (auth.openOnlyToLoopbackHosts && !isLoopbackHostHeader(c))
      throw new ApiError("FORBIDDEN", "open access answers only to a loopback Host (localhost, 127.0.0.1 or [::1] with the server's port)");
    return { actor: (c.req.header("x-actor")?.trim() || "demo").slice(0, 200), role: "admin", teamId: null, via: "open" };
  }
  if (auth.mode === "proxy") return proxyIdentity(c, db, auth.proxy!);
  const session = getCookie(c, SESSION_COOKIE);
  if (!session) return undefined;
  const user = await findSessionUser(db, digestToken(session));
  if (!user) return undefined; // expired or signed out: the policy answers 401 where sign-in is needed
  checkSessionCsrf(c, session);
  return { actor: user.email, role: user.role, teamId: user.teamId, via: "session" };
}

async function proxyIdentity(c: Context, db: DbOrTx, proxy: ProxyAuthConfig): Promise<Identity | undefined> {
  const email = c.req.header(proxy.userHeader)?.trim().toLowerCase();
  if (!email) return undefined;
  // A repeated header arrives joined with commas: two identities are no identity.
  if (email.includes(",")) throw new ApiError("UNAUTHORIZED", `more than one ${proxy.userHeader} value: a request names one person`);
  const secretOk = proxy.secret === null || sameSecret(c.req.header(proxy.secretHeader) ?? "", proxy.secret);
  const peer = peerAddress(c);
  const addressOk = proxy.trustedAddresses.length === 0 || (peer !== null && proxy.trustedAddresses.includes(peer));
  if (!secretOk || !addressOk) throw new ApiError("UNAUTHORIZED", "identity headers are only accepted from the configured sign-on proxy");
  const user = await findUserByEmail(db, email);
  if (user?.disabledAt) throw new ApiError("FORBIDDEN", `${email} is disabled`);
  return { actor: email, role: user?.role ?? proxy.defaultRole, teamId: user?.teamId ?? null, via: "proxy" };
}
