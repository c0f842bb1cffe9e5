// The sign-in attempt limit under real parallel requests from real client addresses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { addUser, localAuth, PASSWORD } from "../support/access-harness";
import { listen, type Listening } from "../support/http-server";

let database: TestDatabase;
let server: Listening;
const LOGIN = "/api/auth/login";
const from = (localAddress: string) => ({ localAddress });

beforeAll(async () => {
  database = await createTestDatabase();
  for (const email of ["ana@lumen.test", "ben@lumen.test", "cy@lumen.test"]) await addUser(database, email, "viewer");
  server = await listen(createApp(database, "demo", undefined, localAuth({ signInMaxAttempts: 3 })));
}, 120_000);
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe("sign-in attempt limit (3 per account and address, 15 per account)", () => {
  it("24 parallel guesses: 3 are checked, the rest (the right password sent last) answer 429", async () => {
    const guesses = Array.from({ length: 23 }, (_, i) => ({ email: "ana@lumen.test", password: `guess-${i}` }));
    const statuses = await Promise.all([...guesses, { email: "ana@lumen.test", password: PASSWORD }].map((body) => server.post(LOGIN, body, from("127.0.0.2"))));
    expect(statuses.filter((s) => s !== 429)).toHaveLength(3);
    expect(statuses.at(-1)).toBe(429);
  });

  it("one client's failures over many accounts do not lock out others behind the same address", async () => {
    for (let i = 0; i < 20; i++) expect(await server.post(LOGIN, { email: `nobody${i % 7}@lumen.test`, password: "wrong" }, from("127.0.0.3"))).toBe(401);
    expect(await server.post(LOGIN, { email: "ben@lumen.test", password: PASSWORD }, from("127.0.0.3"))).toBe(200);
  });

  it("an account locked from one address still signs in from another, until 15 failures from anywhere", async () => {
    for (let i = 0; i < 3; i++) expect(await server.post(LOGIN, { email: "cy@lumen.test", password: "wrong" }, from("127.0.0.4"))).toBe(401);
    expect(await server.post(LOGIN, { email: "cy@lumen.test", password: PASSWORD }, from("127.0.0.4"))).toBe(429);
    expect(await server.post(LOGIN, { email: "cy@lumen.test", password: PASSWORD }, from("127.0.0.5"))).toBe(200);
    for (const address of ["127.0.0.6", "127.0.0.7", "127.0.0.8", "127.0.0.9"])
      for (let i = 0; i < 3; i++) expect(await server.post(LOGIN, { email: "cy@lumen.test", password: "wrong" }, from(address))).toBe(401);
    expect(await server.post(LOGIN, { email: "cy@lumen.test", password: PASSWORD }, from("127.0.0.10"))).toBe(429);
  });
});
