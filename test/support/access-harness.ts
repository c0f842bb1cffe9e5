// An app under local sign-in for access tests: users with real argon2 hashes, a cookie jar per
// person, and requests that carry the session's CSRF token like the dashboard does.
import { createApp } from "../../api/app";
import type { Database } from "../../db/client";
import type { Role } from "../../db/schema/access";
import { upsertUser } from "../../db/queries/access-users";
import { hashPassword } from "../../jobs/access/secrets";
import { OPEN_AUTH, type AuthConfig } from "../../jobs/config/auth-config";
import { requestChecked } from "./openapi-answers";

export const PASSWORD = "correct horse battery staple";
export const localAuth = (overrides: Partial<AuthConfig> = {}): AuthConfig => ({ ...OPEN_AUTH, mode: "local", reason: "test", ...overrides });

export async function addUser(database: Database, email: string, role: Role, teamId: string | null = null) {
  return upsertUser(database.db, { email, role, teamId, passwordHash: await hashPassword(PASSWORD) });
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export type TestApp = ReturnType<typeof createApp>;

export async function signIn(app: TestApp, email: string, password = PASSWORD): Promise<Session> {
  const response = await app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  return { cookie, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken };
}

/** A request as a signed-in browser makes it (cookie + CSRF header), or anonymous without a session; its answer checked against /api/openapi.json. */
export async function call(app: TestApp, session: Session | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await requestChecked(app, path, {
    method,
    headers: { "content-type": "application/json", ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrfToken } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, body: json, headers: response.headers };
}
