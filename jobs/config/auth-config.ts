// Sign-in settings, read with the rest of the configuration. The open demo mode (everyone is an
// admin) is only allowed on a loopback address unless ALLOW_OPEN_ACCESS=true says otherwise.
import { isIP } from "node:net";
import { z } from "zod";
import { ROLES, type Role } from "../../db/schema/access";
import { ConfigError } from "./config-error";

export type AuthMode = "open" | "local" | "proxy";

export interface ProxyAuthConfig {
  userHeader: string;
  /** A shared secret the proxy sends in secretHeader; null when only trustedAddresses are checked. */
  secret: string | null;
  secretHeader: string;
  /** Peer addresses allowed to send the headers; empty when only the secret is checked. */
  trustedAddresses: string[];
  /** Role of a proxy user with no row in users (admins give roles with the CLI). */
  defaultRole: Role;
}

export interface AuthConfig {
  mode: AuthMode;
  /** Why this mode, for the start-up banner. */
  reason: string;
  sessionTtlMs: number;
  signInMaxAttempts: number;
  signInWindowMs: number;
  proxy: ProxyAuthConfig | null;
  /** Open mode on a loopback address: only requests whose Host is a loopback name get in (no DNS rebinding). */
  openOnlyToLoopbackHosts: boolean;
}

const header = z.string().trim().toLowerCase().regex(/^[a-z0-9-]+$/, "expected an HTTP header name");

const authEnv = z.object({
  AUTH_MODE: z.enum(["open", "local", "proxy"]).optional(),
  ALLOW_OPEN_ACCESS: z.enum(["true", "false"]).default("false"),
  SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(12),
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  PROXY_USER_HEADER: header.default("x-forwarded-email"),
  PROXY_SECRET: z.string().min(16, "use at least 16 characters").optional(),
  PROXY_SECRET_HEADER: header.default("x-proxy-secret"),
  PROXY_TRUSTED_IPS: z.string().default(""),
  PROXY_DEFAULT_ROLE: z.enum(ROLES).default("viewer"),
});

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || (isIP(h) === 4 && h.startsWith("127."));
}

export function loadAuthConfig(env: NodeJS.ProcessEnv, context: { host: string; demo: boolean }): AuthConfig {
  const parsed = authEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const e = parsed.data;
  const loopback = isLoopbackHost(context.host);
  const mode: AuthMode = e.AUTH_MODE ?? (context.demo && loopback ? "open" : "local");
  const reason = e.AUTH_MODE ? "AUTH_MODE" : context.demo && loopback ? "demo data on a loopback address" : "not the demo on loopback";
  if (mode === "open" && !loopback && e.ALLOW_OPEN_ACCESS !== "true")
    throw new ConfigError("AUTH_MODE", `open access (no sign-in, everyone an admin) is only allowed on a loopback HOST, not ${context.host}; set ALLOW_OPEN_ACCESS=true to open it up anyway`);
  return {
    mode,
    reason,
    sessionTtlMs: Math.round(e.SESSION_TTL_HOURS * 3_600_000),
    signInMaxAttempts: e.SIGNIN_MAX_ATTEMPTS,
    signInWindowMs: e.SIGNIN_WINDOW_MINUTES * 60_000,
    proxy: mode === "proxy" ? proxyConfig(e) : null,
    openOnlyToLoopbackHosts: loopback,
  };
}

function proxyConfig(e: z.infer<typeof authEnv>): ProxyAuthConfig {
  const trustedAddresses = e.PROXY_TRUSTED_IPS.split(",").map((a) => a.trim()).filter(Boolean);
  const bad = trustedAddresses.find((a) => isIP(a) === 0);
  if (bad) throw new ConfigError("PROXY_TRUSTED_IPS", `"${bad}" is not an IP address`);
  if (!e.PROXY_SECRET && trustedAddresses.length === 0)
    throw new ConfigError("AUTH_MODE", "proxy mode trusts identity headers only from a known proxy: set PROXY_SECRET or PROXY_TRUSTED_IPS");
  return { userHeader: e.PROXY_USER_HEADER, secret: e.PROXY_SECRET ?? null, secretHeader: e.PROXY_SECRET_HEADER, trustedAddresses, defaultRole: e.PROXY_DEFAULT_ROLE };
}

/** The demo's settings: what createApp uses when it is not given the configuration's. */
export const OPEN_AUTH: AuthConfig = { mode: "open", reason: "default", sessionTtlMs: 12 * 3_600_000, signInMaxAttempts: 10, signInWindowMs: 15 * 60_000, proxy: null, openOnlyToLoopbackHosts: true };
