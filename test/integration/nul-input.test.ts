// A NUL character in any validated text input (body, query, path) answers 400 naming the field;
// PostgreSQL text cannot hold one, so it used to reach the database and answer 500.
// Run on PostgreSQL too: TEST_DB=postgres npx vitest run test/integration/nul-input.test.ts
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app";
import { teams } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { addUser, localAuth, PASSWORD } from "../support/access-harness";

let database: TestDatabase;
let open: ReturnType<typeof createApp>;
let local: ReturnType<typeof createApp>;
const send = async (app: ReturnType<typeof createApp>, method: string, path: string, body?: unknown) => {
  const response = await app.request(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(teams).values({ id: "checkout", name: "Checkout", kind: "team" });
  await addUser(database, "viewer@example.com", "viewer");
  open = createApp(database, "demo");
  local = createApp(database, "demo", undefined, localAuth());
});
afterAll(async () => database?.drop());

describe("NUL characters in text inputs", () => {
  it("sign-in with a NUL in the email answers 400 naming the field", async () => {
    const { status, body } = await send(local, "POST", "/api/auth/login", { email: "viewer@example.com\u0000", password: PASSWORD });
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error.message).toBe('json field "email": must not contain a NUL character');
  });

  it.each([
    ["a path parameter", "GET", "/api/teams/check%00out", undefined, 'param field "teamId"'],
    ["a query parameter", "GET", "/api/why?teamId=check%00out&day=2026-05-01", undefined, 'query field "teamId"'],
    ["a JSON field", "POST", "/api/wins", { teamId: "checkout", title: "Right\u0000sized", shippedOn: "2026-05-01", expectedMonthlySavingsUsd: "10" }, 'json field "title"'],
    ["a nested JSON key", "POST", "/api/reviews", { scope: "company", period: "2026-05", authorSections: { "no\u0000te": "x" } }, 'json field "authorSections.no\u0000te"'],
  ])("%s answers 400 naming it", async (_, method, path, body, field) => {
    const answer = await send(open, method, path, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.error.message).toContain(field);
  });
});
