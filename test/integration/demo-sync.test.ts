// The demo company through the same import and sync code a real account uses (its containers account's
// CUR, then Cost Explorer): the database ends up with the golden totals the fixture generator computed
// independently (fixtures/demo/golden.json).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { demoSource } from "../../jobs/sources/billing-source";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { importBundledExports } from "../../jobs/sync/import-bundled-exports";
import { syncResources } from "../../jobs/sync/sync-resources";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createApp } from "../../api/app";

interface Golden {
  months: Record<string, { unblended: string; amortized: string; netAmortized: string; attributedAmortized: string; unattributedAmortized: string }>;
  teams: Record<string, Record<string, string>>;
}
const golden: Golden = JSON.parse(readFileSync("fixtures/demo/golden.json", "utf8"));
const normalise = (amount: string) => new Decimal(amount).toString();

let database: TestDatabase;
const source = demoSource("fixtures/demo");

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-21" });
});
afterAll(async () => database?.drop());

describe("demo company sync", () => {
  it("imports the containers account's CUR (hourly, split cost allocation data) from 2026-09-01", async () => {
    const run = await importBundledExports(database, source);
    expect(run?.error).toBeUndefined();
    expect(run?.window).toEqual({ start: "2026-09-01", end: "2026-11-21" });
    expect(run?.details?.reconciliation).toMatchObject({ mismatches: [] });
    // Per instance and hour the pods' split + unused cost is the instance's cost; the owner tag keys are there.
    expect((run?.details?.quality as { warnings: unknown[] } | undefined)?.warnings).toEqual([]);
    const [split] = await queryRows<{ lines: number; pods: number }>(
      database.db,
      sql`select count(*)::int as lines, count(distinct resource_id)::int as pods from cost_line_items where split_cost is not null`,
    );
    expect(split!.pods).toBeGreaterThanOrEqual(30);
    expect(split!.lines).toBeGreaterThan(100_000);
  }, 240_000);

  it("loads 13 months plus the open month and reconciles every day", async () => {
    const run = await syncCosts(database, source, { restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 0 } });
    expect(run.error).toBeUndefined();
    expect(run.window).toEqual({ start: "2025-10-01", end: "2026-11-21" });
    expect(run.details?.reconciliation).toMatchObject({ daysChecked: 416, mismatches: [] });
  }, 240_000); // 48k lines through the whole pipeline: slow when the machine is busy

  it("matches the golden monthly totals (unblended, amortized, net amortized, attributed, unattributed)", async () => {
    const rows = await queryRows<{ month: string; unblended: string; amortized: string; net: string; attributed: string; unattributed: string }>(
      database.db,
      sql`select to_char(day, 'YYYY-MM') as month, sum(unblended_cost)::text as unblended, sum(amortized_cost)::text as amortized,
            sum(net_amortized_cost)::text as net,
            coalesce(sum(amortized_cost) filter (where team_id <> 'unattributed'), 0)::text as attributed,
            coalesce(sum(amortized_cost) filter (where team_id = 'unattributed'), 0)::text as unattributed
          from attributed_costs group by 1 order by 1`,
    );
    const actual = Object.fromEntries(
      rows.map((r) => [r.month, { unblended: normalise(r.unblended), amortized: normalise(r.amortized), netAmortized: normalise(r.net), attributedAmortized: normalise(r.attributed), unattributedAmortized: normalise(r.unattributed) }]),
    );
    const expected = Object.fromEntries(Object.entries(golden.months).map(([month, m]) => [month, Object.fromEntries(Object.entries(m).map(([k, v]) => [k, normalise(v)]))]));
    expect(actual).toEqual(expected);
  });

  it("matches the golden amortized total of every team in every month", async () => {
    const rows = await queryRows<{ team: string; month: string; amount: string }>(
      database.db,
      sql`select team_id as team, to_char(day, 'YYYY-MM') as month, sum(amortized_cost)::text as amount from attributed_costs group by 1, 2`,
    );
    const actual: Record<string, Record<string, string>> = {};
    for (const row of rows) (actual[row.team] ??= {})[row.month] = normalise(row.amount);
    const expected: Record<string, Record<string, string>> = {};
    for (const [team, months] of Object.entries(golden.teams)) {
      for (const [month, amount] of Object.entries(months)) if (!new Decimal(amount).isZero()) (expected[team] ??= {})[month] = normalise(amount);
    }
    expect(actual).toEqual(expected);
  });

  it("lists every tagged resource of the demo's regions", async () => {
    const run = await syncResources(database, source, { retries: 0, baseDelayMs: 0 });
    expect(run.status).toBe("succeeded");
    const [count] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from resources`);
    expect(count!.n).toBe(JSON.parse(readFileSync("fixtures/demo/resources.json", "utf8")).length);
  });
});

describe("API over the demo company (numbers equal the golden totals)", () => {
  const app = () => createApp(database, "demo");
  const get = async (path: string) => {
    const response = await app().request(path);
    return { status: response.status, body: (await response.json()) as any };
  };

  it("health names the database and source", async () => {
    expect(await get("/api/health")).toEqual({ status: 200, body: { status: "ok", database: database.kind, source: "demo" } });
  });

  it("overview: spend per month, share attributed, top teams of the last full month, last complete day", async () => {
    const { status, body } = await get("/api/overview?measure=amortized");
    expect(status).toBe(200);
    expect(body.lastCompleteBillingDay).toBe("2026-11-20");
    expect(body.months.map((m: any) => m.month)).toEqual(Object.keys(golden.months));
    for (const m of body.months) {
      expect(normalise(m.total)).toBe(normalise(golden.months[m.month]!.amortized));
      expect(normalise(m.unattributed)).toBe(normalise(golden.months[m.month]!.unattributedAmortized));
    }
    const octoberTop = Object.entries(golden.teams)
      .filter(([team]) => team !== "unattributed")
      .map(([team, months]) => [team, new Decimal(months["2026-10"] ?? 0)] as const)
      .sort((a, b) => b[1].comparedTo(a[1]))
      .slice(0, 10);
    expect(body.topTeams.map((t: any) => [t.teamId, normalise(t.amount)])).toEqual(octoberTop.map(([team, amount]) => [team, amount.toString()]));
    const unattributed = body.unattributedByAccount.reduce((sum: Decimal, a: any) => sum.plus(a.amount), new Decimal(0));
    expect(unattributed.toString()).toBe(normalise(golden.teams.unattributed!["2026-10"]!));
  });

  it("teams: month to date and last month per team", async () => {
    const { body } = await get("/api/teams");
    expect(body.teams).toHaveLength(Object.keys(golden.teams).length);
    for (const team of body.teams) {
      expect([team.id, normalise(team.lastMonth)]).toEqual([team.id, normalise(golden.teams[team.id]!["2026-10"]!)]);
      expect([team.id, normalise(team.monthToDate)]).toEqual([team.id, normalise(golden.teams[team.id]!["2026-11"]!)]);
    }
  });

  it("team detail: every day of the period present, summing to the golden month", async () => {
    const { body } = await get("/api/teams/checkout?from=2026-10-01&to=2026-10-31");
    expect(body.team).toMatchObject({ id: "checkout", groupName: "Payments", orgName: "Product Engineering" });
    expect(body.byService.days).toHaveLength(31);
    expect(normalise(body.total)).toBe(normalise(golden.teams.checkout!["2026-10"]!));
    const accountTotal = body.byAccount.series.reduce((sum: Decimal, s: any) => sum.plus(s.total), new Decimal(0));
    expect(accountTotal.toString()).toBe(normalise(body.total));
  });

  it.each([
    ["/api/teams/no-such-team", 404, "NOT_FOUND", 'No team "no-such-team"'],
    ["/api/teams/checkout?from=2026-13-01", 400, "BAD_REQUEST", 'query field "from"'],
    ["/api/teams/checkout?from=2026-10-05&to=2026-10-01", 400, "BAD_REQUEST", "from must not be after to"],
    ["/api/overview?measure=blended", 400, "BAD_REQUEST", 'query field "measure"'],
    ["/api/nothing-here", 404, "NOT_FOUND", "No route"],
  ])("%s answers %i with one error shape", async (path, status, code, message) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, message: expect.stringContaining(message), requestId: expect.any(String) });
  });

  it("job runs list the syncs with their counts", async () => {
    const { body } = await get("/api/job-runs");
    expect(body.runs.map((r: any) => [r.job, r.status])).toEqual([["sync-resources", "succeeded"], ["sync-costs", "succeeded"], ["import", "succeeded"]]);
    expect(body.runs[1].apiRequests).toBeGreaterThan(0);
  });
});
