// Sign-in for people in local mode (POST /auth/login, /auth/logout) and GET /me, which tells the
// dashboard the mode, who is signed in, what they may do and the session's CSRF token.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { DbOrTx } from "../../db/client";
import type { AuthConfig } from "../../jobs/config/auth-config";
import { csrfTokenOf, digestToken, newToken, verifyAgainstDecoy, verifyPassword } from "../../jobs/access/secrets";
import { findUserByEmail, normalEmail } from "../../db/queries/access-users";
import { createSession, deleteSession } from "../../db/queries/access-sessions";
import { logger } from "../../jobs/logger";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers } from "../answers";
import { meAnswer, signedInAnswer, signedOutAnswer } from "../responses/access";
import { identityOf } from "../auth/identity";
import { SESSION_COOKIE } from "../auth/cookies";
import { peerAddress } from "../auth/peer-address";
import { createSignInLimiter, signInKeys } from "../auth/sign-in-limiter";

const log = logger("auth");
const credentials = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) });
const isHttps = (c: Context) => new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";

export const meRoutes = (auth: AuthConfig) =>
  new Hono().get("/", answers(meAnswer, { summary: "The mode, who is signed in and the session's CSRF token" }), (c) => {
    const identity = identityOf(c) ?? null;
    const session = identity?.via === "session" ? getCookie(c, SESSION_COOKIE) : undefined;
    return c.var.answer({ mode: auth.mode, identity, csrfToken: session ? csrfTokenOf(session) : null });
  });

export function authRoutes(db: DbOrTx, auth: AuthConfig) {
  const limiter = createSignInLimiter(auth.signInWindowMs);
  return new Hono()
    .post("/login", validate("json", credentials), answers(signedInAnswer, { summary: "Sign in with email and password (AUTH_MODE=local): sets the session cookie" }), async (c) => {
      if (auth.mode !== "local") throw new ApiError("BAD_REQUEST", `sign-in with a password is off: AUTH_MODE is ${auth.mode}`);
      const { email, password } = c.req.valid("json");
      // Counted before the password check, so parallel guesses cannot all get one.
      const attempt = limiter.reserve(signInKeys(normalEmail(email), peerAddress(c) ?? "unknown", auth.signInMaxAttempts));
      if (!attempt.ok) {
        c.header("retry-after", String(Math.ceil(attempt.retryAfterMs / 1000)));
        throw new ApiError("TOO_MANY_REQUESTS", `too many failed sign-ins: try again in ${Math.ceil(attempt.retryAfterMs / 60_000)} minute(s)`);
      }
      const user = await findUserByEmail(db, email);
      const ok = user?.passwordHash && !user.disabledAt ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
      if (!ok || !user) {
        log.warn({ email: normalEmail(email) }, "failed sign-in");
        throw new ApiError("UNAUTHORIZED", "wrong email or password");
      }
      attempt.reservation.succeed();
      const token = newToken("tbs_");
      const expiresAt = await createSession(db, digestToken(token), user.id, auth.sessionTtlMs);
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/", secure: isHttps(c), expires: expiresAt });
      log.info({ email: user.email }, "signed in");
      return c.var.answer({ identity: { actor: user.email, role: user.role, teamId: user.teamId, via: "session" as const }, csrfToken: csrfTokenOf(token), expiresAt: expiresAt.toISOString() });
    })
    .post("/logout", answers(signedOutAnswer, { summary: "Sign out: ends the session" }), async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(db, digestToken(token));
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.var.answer({ signedOut: true as const });
    });
}
