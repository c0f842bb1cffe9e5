// The attribution engine end to end on a real database: shared-cost pools split exactly, rule
// changes through the API are previewed, effective-dated, audited and re-attributed, backfills are
// reproducible, and a reorg moves roll-ups only from its date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { syncCosts } from "../../jobs/sync/sync-costs";
import { attributeJob } from "../../jobs/attribution/attribute-job";
import { createApp } from "../../api/app";
import { sampleRows } from "../fake-aws/sample-data";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { FakeBilling, OWNERSHIP_YAML } from "../support/sync-harness";

const TODAY = "2026-04-01";
const rows = sampleRows({ start: "2026-01-01", days: 90 });
const POOLS = `
sharedCosts:
  - id: credits
    name: Credits
    select: { recordTypes: [Credit] }
    split: proportional
  - id: shared-storage
    name: Shared storage
    select: { services: [Amazon Simple Storage Service], accounts: ["333333333333"] }
    split: fixed
    weights: { payments: 70, search: 30 }
`;
const ownership = parseOwnership(OWNERSHIP_YAML + POOLS, "ownership.yaml");
const options = { restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 0 } };

let database: TestDatabase;
let billing: FakeBilling;
const api = (path: string, init?: RequestInit) => createApp(database, "aws").request(path, init);
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json", "x-actor": "ana@example.com" }, body: JSON.stringify(body) });

async function teamDayTotals(before?: string) {
  const result = await queryRows<{ key: string; amount: string }>(
    database.db,
    sql`select day::text || ':' || team_id as key, sum(amortized_cost)::text as amount from attributed_costs
        ${before ? sql`where day < ${before}::date` : sql``} group by 1 order by 1`,
  );
  return Object.fromEntries(result.map((r) => [r.key, new Decimal(r.amount).toString()]));
}

async function attributedRows() {
  return queryRows(
    database.db,
    sql`select day::text, team_id, account_id, service, record_type, environment, unblended_cost::text, amortized_cost::text,
          net_amortized_cost::text, rule_id, pool_id, decided_by from attributed_costs order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12`,
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: TODAY });
  billing = await FakeBilling.start(rows, []);
  const run = await syncCosts(database, billing.source(TODAY), options);
  expect(run.error).toBeUndefined();
});
afterAll(async () => {
  await billing?.fake.close();
  await database?.drop();
});

describe("shared-cost pools", () => {
  it("split every pooled dollar: pool totals per day are conserved exactly and nothing is left in a pool", async () => {
    const [pooled] = await queryRows<{ billed: string; split: string }>(
      database.db,
      sql`select (select sum(unblended_cost) from cost_line_items where record_type = 'Credit'
                  or (service = 'Amazon Simple Storage Service' and account_id = '333333333333'))::text as billed,
                 (select sum(unblended_cost) from attributed_costs where decided_by = 'split')::text as split`,
    );
    expect(new Decimal(pooled!.split).eq(pooled!.billed)).toBe(true);
  });

  it("a fixed split gives 70/30 of each pooled group, to the unit", async () => {
    const groups = await queryRows<{ payments: string; search: string; total: string }>(
      database.db,
      sql`select sum(amortized_cost) filter (where team_id = 'payments')::text as payments, sum(amortized_cost) filter (where team_id = 'search')::text as search,
            sum(amortized_cost)::text as total
          from attributed_costs where pool_id is not null and service = 'Amazon Simple Storage Service' and record_type = 'Usage'
          group by day, account_id, record_type, environment`,
    );
    expect(groups.length).toBeGreaterThan(20);
    for (const g of groups) {
      const unit = new Decimal(10).pow(-Math.max(2, new Decimal(g.total).decimalPlaces()));
      expect(new Decimal(g.payments).minus(new Decimal(g.total).times("0.7")).abs().lte(unit)).toBe(true);
      expect(new Decimal(g.payments).plus(g.search).eq(g.total)).toBe(true);
    }
  });

  it("a monthly proportional pool weighs a day by each team's direct cost of the month through that day", async () => {
    const creditDay = rows.filter((r) => r.recordType === "Credit" && r.day.startsWith("2026-03")).at(-1)!.day;
    const [cell] = await queryRows<{ payments: string; direct: string; all: string; credit: string }>(
      database.db,
      sql`select (select sum(amortized_cost) from attributed_costs where record_type = 'Credit' and team_id = 'payments' and day = ${creditDay}::date)::text as payments,
                 (select sum(amortized_cost) from attributed_costs where pool_id is null and team_id = 'payments' and day between '2026-03-01' and ${creditDay}::date)::text as direct,
                 (select sum(amortized_cost) from attributed_costs where pool_id is null and team_id <> 'unattributed' and day between '2026-03-01' and ${creditDay}::date)::text as all,
                 (select sum(amortized_cost) from cost_line_items where record_type = 'Credit' and day = ${creditDay}::date)::text as credit`,
    );
    const expected = new Decimal(cell!.credit).times(cell!.direct).div(cell!.all);
    expect(new Decimal(cell!.payments).minus(expected).abs().lt("0.01")).toBe(true);
  });
});

describe("rule changes through the API", () => {
  const rule = { kind: "account", accountId: "111111111111", teamId: "search", priority: 10, effectiveFrom: "2026-03-01" };

  it("rejects an unknown team and a clashing priority with the field named", async () => {
    const unknown = await api("/api/ownership/rules", json({ ...rule, teamId: "nobody" }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as any).error.message).toContain('"teamId"');
    const bad = await api("/api/ownership/rules", json({ ...rule, priority: 5000 }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toContain('"priority"');
  });

  it("previews the dollars that move, applies exactly that, and changes nothing before its date", async () => {
    const before = await teamDayTotals();
    const preview = (await (await api("/api/ownership/preview", json({ action: "create", rule }))).json()) as any;
    expect(preview.window.start).toBe("2026-03-01");
    expect(preview.moves.length).toBeGreaterThan(0);
    expect(await teamDayTotals()).toEqual(before); // the preview kept nothing

    const created = await api("/api/ownership/rules", json(rule));
    expect(created.status).toBe(201);
    const after = await teamDayTotals();
    expect(await teamDayTotals("2026-03-01")).toEqual(Object.fromEntries(Object.entries(before).filter(([k]) => k < "2026-03-01")));
    for (const move of preview.moves) {
      const sum = (totals: Record<string, string>) =>
        Object.entries(totals).filter(([k]) => k.endsWith(`:${move.teamId}`) && k >= "2026-03-01").reduce((s, [, v]) => s.plus(v), new Decimal(0));
      expect(sum(after).minus(sum(before)).toString()).toBe(new Decimal(move.delta).toString());
    }
    const conflict = await api("/api/ownership/rules", json({ ...rule, accountId: "222222222222" }));
    expect(conflict.status).toBe(409);
  });

  it("records who changed what in the audit trail, and a deleted rule ends from its date", async () => {
    const { rules } = (await (await api("/api/ownership/rules")).json()) as any;
    const created = rules.find((r: any) => r.source === "api");
    const removed = await api(`/api/ownership/rules/${created.id}?effectiveFrom=2026-03-15`, { method: "DELETE", headers: { "x-actor": "ana@example.com" } });
    expect(removed.status).toBe(200);
    const { entries } = (await (await api("/api/ownership/audit")).json()) as any;
    expect(entries.slice(0, 2).map((e: any) => [e.action, e.actor])).toEqual([["rule.delete", "ana@example.com"], ["rule.create", "ana@example.com"]]);
    const history = (await (await api("/api/ownership/rules?history=true")).json()) as any;
    expect(history.rules.find((r: any) => r.id === created.id)).toMatchObject({ validFrom: "2026-03-01", validTo: "2026-03-15" });
  });

  it("explains a cell: the rule that decided, or the pool and the team's share of its basis", async () => {
    const why = (await (await api("/api/why?teamId=payments&day=2026-03-10")).json()) as any;
    const kinds = why.decisions.map((d: any) => d.decidedBy);
    expect(kinds).toContain("tag");
    expect(why.sampleLines.length).toBeGreaterThan(0);
  });

  it("explains a split cell: the Credits pool and the team's share of its basis, which is the share it got of the day's credits", async () => {
    const [day] = await queryRows<{ day: string; team: string; pool: string }>(
      database.db,
      sql`select ac.day::text as day, sum(ac.amortized_cost) filter (where ac.team_id = 'payments')::text as team, sum(ac.amortized_cost)::text as pool
          from attributed_costs ac join shared_cost_pools p on p.id = ac.pool_id where p.name = 'Credits'
          group by 1 having sum(ac.amortized_cost) filter (where ac.team_id = 'payments') <> 0 order by 1 limit 1`,
    );
    expect(day).toBeDefined();
    const why = (await (await api(`/api/why?teamId=payments&day=${day!.day}`)).json()) as any;
    const split = why.decisions.find((d: any) => d.poolName === "Credits");
    expect(split).toMatchObject({ decidedBy: "split", method: "proportional", amortized: new Decimal(day!.team).toString() });
    const share = new Decimal(split.basis.share);
    expect(share.gt(0) && share.lt(1)).toBe(true);
    expect(share.minus(new Decimal(day!.team).div(day!.pool)).abs().lte("0.000001")).toBe(true);
  });
});

describe("backfills and reorgs", () => {
  it("re-attributing a range reproduces it exactly (idempotent)", async () => {
    const before = await attributedRows();
    const run = await attributeJob(database, "aws", { start: "2026-01-01", end: TODAY });
    expect(run.status).toBe("succeeded");
    expect(await attributedRows()).toEqual(before);
  });

  it("a reorg from a date moves roll-ups from that date only", async () => {
    const org = async (from: string, to: string) =>
      Object.fromEntries(((await (await api(`/api/org?from=${from}&to=${to}`)).json()) as any).units.map((u: any) => [u.id, u.amount]));
    const janBefore = await org("2026-01-01", "2026-01-31");
    const moved = parseOwnership(
      OWNERSHIP_YAML.replace("          - { id: search, name: Search, tagValues: [\"search-svc\"] }\n", "").replace(
        "accounts:",
        `  - id: discovery\n    name: Discovery\n    groups:\n      - id: search-group\n        name: Search\n        teams:\n          - { id: search, name: Search, tagValues: ["search-svc"] }\naccounts:`,
      ) + POOLS,
      "ownership.yaml",
    );
    const applied = await applyOwnership(database.db, moved, { source: OWNERSHIP_FILE_SOURCE, actor: "test", effectiveFrom: "2026-03-01", today: TODAY });
    expect(applied.changes.treeMoves).toBeGreaterThan(0);
    expect(await org("2026-01-01", "2026-01-31")).toEqual(janBefore);
    const march = await org("2026-03-01", "2026-03-31");
    expect(march.discovery).toBe(march.search);
    expect(march.commerce).toBe(march.payments);
  });
});

describe("one bill from two sources", () => {
  it("a resource-level export replaces the Cost Explorer lines of its account and day, never adding to them", async () => {
    const day = "2026-02-10";
    const other = await queryRows<{ amount: string }>(
      database.db,
      sql`select sum(unblended_cost)::text as amount from attributed_costs where day = ${day}::date and account_id <> '111111111111'`,
    );
    await database.db.execute(sql`insert into cost_line_items (day, account_id, service, record_type, resource_id, tags, unblended_cost, amortized_cost, net_amortized_cost, source, batch_id)
      values (${day}, '111111111111', 'Amazon Elastic Compute Cloud - Compute', 'Usage', 'i-0abc', '{"team":"search"}', 12.5, 12.5, 12, 'cur', 1),
             (${day}, '111111111111', 'Amazon Simple Storage Service', 'Usage', 'arn:aws:s3:::logs', '{}', 0.25, 0.25, 0.25, 'cur', 1)`);
    const run = await attributeJob(database, "aws", { start: day, end: "2026-02-11" });
    expect(run.status).toBe("succeeded");
    const [account] = await queryRows<{ amount: string }>(
      database.db,
      sql`select sum(unblended_cost)::text as amount from attributed_costs where day = ${day}::date and account_id = '111111111111'`,
    );
    expect(new Decimal(account!.amount).toString()).toBe("12.75");
    const after = await queryRows<{ amount: string }>(
      database.db,
      sql`select sum(unblended_cost)::text as amount from attributed_costs where day = ${day}::date and account_id <> '111111111111'`,
    );
    expect(after).toEqual(other);
  });
});

describe("Backstage catalog over the API", () => {
  const catalog = (owner: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  annotations:
    tallyboard.io/aws-account-id: "222222222222"
spec:
  owner: group:default/${owner}
`;

  it("previews, then imports the catalog's rules; a bad catalog is rejected whole with the line", async () => {
    const body = (owner: string, preview: boolean) => json({ catalogs: [{ fileName: "catalog-info.yaml", text: catalog(owner) }], preview });
    const preview = (await (await api("/api/ownership/backstage", body("payments", true))).json()) as any;
    expect(preview.import.rules).toBe(1);
    const imported = await api("/api/ownership/backstage", body("payments", false));
    expect(imported.status).toBe(200);
    const { rules } = (await (await api("/api/ownership/rules")).json()) as any;
    expect(rules.filter((r: any) => r.source === "backstage").map((r: any) => [r.kind, r.match, r.teamId])).toEqual([["account", "222222222222", "payments"]]);
    const bad = await api("/api/ownership/backstage", body("nobody", false));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/catalog-info.yaml line \d+, entity component:default\/ledger, field spec.owner/);
  });
});
