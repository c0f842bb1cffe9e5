// Days, months and quarters at the edge of the calendar (year 9999 or 0000) through the API: each
// answers 400 naming the field at once (a 9999-12-31 used to hang the server in the calendar's day
// loop), and a win with such a day is refused, never half-stored, and a stored one breaks no read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createApp } from "../../api/app";
import { teams, wins } from "../../db/schema";
import { recordWin } from "../../jobs/leaderboards/wins";
import { lastPeriodDay } from "../../db/period-schema";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const call = async (method: string, path: string, body?: unknown) => {
  const response = await app.request(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};
const winCount = async () => (await database.db.select({ id: wins.id }).from(wins)).length;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(teams).values({ id: "checkout", name: "Checkout", kind: "team" });
  app = createApp(database, "demo");
});
afterAll(async () => database?.drop());

describe("period parameters are bounded (2000 to five years ahead)", () => {
  const cases: [path: string, field: string][] = [
    ["/api/teams/checkout?to=9999-12-31", "to"],
    ["/api/teams/checkout?from=0000-01-01&to=2026-01-01", "from"],
    ["/api/budgets/review?month=9999-12", "month"],
    ["/api/budgets/review?month=0000-01", "month"],
    ["/api/reviews/preview?period=9999-Q4", "period"],
    ["/api/reviews/export?period=0000-Q1&format=md", "period"],
    ["/api/leaderboard?month=9999-12", "month"],
    ["/api/org?to=9999-12-31", "to"],
    ["/api/ownership/summary?from=1999-12-31", "from"],
    ["/api/why?teamId=checkout&day=9999-12-31", "day"],
    ["/api/metrics/revenue?month=9999-12", "month"],
    ["/api/commitments/teams?month=9999-12", "month"],
    ["/api/budgets/months/9999-12", "month"],
  ];
  it.each(cases)("%s answers 400 naming %s", async (path, field) => {
    const { status, body } = await call("GET", path);
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error.message).toContain(`"${field}"`);
    expect(body.error.message).toContain(`between 2000-01-01 and ${lastPeriodDay()}`);
  });

  it("the edges themselves are accepted", async () => {
    expect((await call("GET", "/api/budgets/review?month=2000-01")).status).toBe(200);
    expect((await call("GET", `/api/leaderboard?month=${lastPeriodDay().slice(0, 7)}`)).status).toBe(200);
    expect((await call("GET", `/api/teams/checkout?from=2000-01-01&to=2000-01-31`)).status).toBe(200);
  });
});

describe("a win's shipping day", () => {
  const win = { teamId: "checkout", title: "Rightsized the fleet", expectedMonthlySavingsUsd: "100" };

  it.each(["9999-12-31", "0001-01-01"])("POST /api/wins with %s answers 400 and stores nothing", async (shippedOn) => {
    const { status, body } = await call("POST", "/api/wins", { ...win, shippedOn });
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error.message).toContain('"shippedOn"');
    expect(await winCount()).toBe(0);
  });

  it("a win that cannot be measured is rolled back, not half-stored", async () => {
    await expect(recordWin(database.db, { ...win, shippedOn: "9999-12-31", recordedBy: "test" }, "amortized")).rejects.toThrow();
    expect(await winCount()).toBe(0);
  });

  it("a bad row stored before the bounds breaks neither wins, the leaderboard nor a business review", async () => {
    await call("POST", "/api/wins", { ...win, shippedOn: "2026-05-01" });
    await database.db.execute(sql`insert into wins (team_id, title, shipped_on, expected_monthly_savings_usd, recorded_by) values ('checkout', 'From before the bounds', '9999-12-31', 10, 'old')`);
    const wins = await call("GET", "/api/wins");
    expect(wins.status).toBe(200);
    expect(wins.body.wins.map((w: any) => w.shippedOn)).toEqual(["2026-05-01"]);
    expect((await call("GET", "/api/leaderboard?month=2026-05")).status).toBe(200);
    expect((await call("GET", "/api/reviews/preview?period=2026-Q2&scope=team:checkout")).status).toBe(200);
  });
});
