// The demo company's shared clusters through the real import and sync (its containers account's CUR
// with split cost allocation data, then Cost Explorer): attribution through pods equals golden.json's
// cluster figures, which the fixture generator computes from the documented rules without the app's
// code: per cluster, month, team (idle shares included), namespace and idle, to the last digit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { createApp } from "../../api/app";
import { loadDemo } from "../support/demo-expectations";
import { loadDemoBilling } from "../support/demo-billing";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

interface ClusterGolden {
  total: Record<string, string>;
  idle: Record<string, string>;
  teams: Record<string, Record<string, string>>;
  namespaces: Record<string, Record<string, string>>;
}
const golden: { clusters: Record<string, ClusterGolden>; teams: Record<string, Record<string, string>> } = JSON.parse(readFileSync("fixtures/demo/golden.json", "utf8"));
const normalise = (amount: Decimal.Value) => new Decimal(amount).toString();
const sum = (byMonth: Record<string, string>) => normalise(Object.values(byMonth).reduce((s, v) => s.plus(v), new Decimal(0)));
const CONTAINERS = loadDemo().accounts.find((a) => a.name === "lumen-containers")!.id;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoBilling(database);
}, 300_000);
afterAll(async () => database?.drop());

describe("the demo's clusters (two EKS, one ECS) attributed through their pods", () => {
  it("has three clusters shared by at least eight teams", () => {
    expect(Object.keys(golden.clusters).sort()).toEqual(["lumen-data-eks", "lumen-prod-eks", "lumen-services-ecs"]);
    const teams = new Set(Object.values(golden.clusters).flatMap((c) => Object.keys(c.teams)));
    expect(teams.size).toBeGreaterThanOrEqual(8);
  });

  it("gives each cluster, month, team and namespace exactly golden.json's amortized cost", async () => {
    const rows = await queryRows<{ cluster: string; month: string; team: string; namespace: string; amount: string }>(
      database.db,
      sql`select cluster, to_char(day, 'YYYY-MM') as month, team_id as team, coalesce(namespace, '(idle)') as namespace, sum(amortized_cost)::text as amount
          from attributed_costs where cluster is not null group by 1, 2, 3, 4`,
    );
    const byTeam: Record<string, Record<string, Record<string, Decimal>>> = {};
    const byNamespace: Record<string, Record<string, Record<string, Decimal>>> = {};
    for (const r of rows) {
      const team = ((byTeam[r.cluster] ??= {})[r.team] ??= {});
      team[r.month] = (team[r.month] ?? new Decimal(0)).plus(r.amount);
      const namespace = ((byNamespace[r.cluster] ??= {})[r.namespace] ??= {});
      namespace[r.month] = (namespace[r.month] ?? new Decimal(0)).plus(r.amount);
    }
    const plain = (nested: Record<string, Record<string, Record<string, Decimal.Value>>>) =>
      Object.fromEntries(Object.entries(nested).map(([cluster, keys]) => [cluster, Object.fromEntries(Object.entries(keys).map(([key, months]) => [key, Object.fromEntries(Object.entries(months).map(([m, v]) => [m, normalise(v)]))]))]));
    expect(plain(byTeam)).toEqual(plain(Object.fromEntries(Object.entries(golden.clusters).map(([name, c]) => [name, c.teams]))));
    expect(plain(byNamespace)).toEqual(plain(Object.fromEntries(Object.entries(golden.clusters).map(([name, c]) => [name, c.namespaces]))));
  });

  it("hands out each cluster's idle cost by its policy (owner, proportional, even) as golden.json does", async () => {
    const rows = await queryRows<{ cluster: string; month: string; decided: string; teams: number; amount: string }>(
      database.db,
      sql`select cluster, to_char(day, 'YYYY-MM') as month, string_agg(distinct decided_by, ',') as decided, count(distinct team_id)::int as teams, sum(amortized_cost)::text as amount
          from attributed_costs where cluster is not null and decided_by = 'idle' group by 1, 2`,
    );
    for (const [name, cluster] of Object.entries(golden.clusters)) {
      for (const [month, idle] of Object.entries(cluster.idle)) {
        const row = rows.find((r) => r.cluster === name && r.month === month);
        expect([name, month, normalise(row!.amount)]).toEqual([name, month, normalise(idle)]);
      }
    }
    // ECS: idle to its owner only; the EKS clusters share theirs among the teams with pods on them.
    expect(new Set(rows.filter((r) => r.cluster === "lumen-services-ecs").map((r) => r.teams))).toEqual(new Set([1]));
    expect(rows.filter((r) => r.cluster !== "lumen-services-ecs").every((r) => r.teams >= 5)).toBe(true);
  });

  it("attributes the nodes only through their pods: no instance cost of the containers account outside a cluster", async () => {
    const [outside] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from attributed_costs where account_id = ${CONTAINERS} and service = 'Amazon Elastic Compute Cloud' and cluster is null and record_type = 'Usage'`,
    );
    expect(outside!.n).toBe(0);
    const [reasons] = await queryRows<{ decided: string }>(
      database.db,
      sql`select string_agg(distinct decided_by, ',' order by decided_by) as decided from attributed_costs where cluster is not null`,
    );
    expect(reasons!.decided).toBe("cluster,idle,namespace,pod-label");
  });

  it("uses the export, not Cost Explorer, for the containers account's days, and both hold the same bill", async () => {
    const [covered] = await queryRows<{ days: number; first: string; last: string }>(
      database.db,
      sql`select count(*)::int as days, min(day)::text as first, max(day)::text as last from export_billed_days where account_id = ${CONTAINERS}`,
    );
    expect(covered).toEqual({ days: 81, first: "2026-09-01", last: "2026-11-20" });
    const costExplorer = loadDemo().rows.filter((r) => r.accountId === CONTAINERS);
    const billed = (measure: "unblended" | "amortized" | "netAmortized") => normalise(costExplorer.reduce((s, r) => s.plus(r[measure]), new Decimal(0)));
    const [attributed] = await queryRows<{ unblended: string; amortized: string; net: string }>(
      database.db,
      sql`select sum(unblended_cost)::text as unblended, sum(amortized_cost)::text as amortized, sum(net_amortized_cost)::text as net from attributed_costs where account_id = ${CONTAINERS}`,
    );
    expect([normalise(attributed!.unblended), normalise(attributed!.amortized), normalise(attributed!.net)]).toEqual([billed("unblended"), billed("amortized"), billed("netAmortized")]);
  });

  it("GET /api/clusters: per cluster its total, idle, teams and namespaces over the three months through 2026-11-20, as golden.json", async () => {
    const response = await createApp(database, "demo").request("/api/clusters");
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect([body.from, body.to]).toEqual(["2026-09-01", "2026-11-20"]);
    expect(body.clusters.map((c: any) => c.cluster)).toEqual(Object.keys(golden.clusters).sort());
    for (const cluster of body.clusters) {
      const g = golden.clusters[cluster.cluster]!;
      expect([cluster.cluster, normalise(cluster.total), normalise(cluster.idle)]).toEqual([cluster.cluster, sum(g.total), sum(g.idle)]);
      expect(Object.fromEntries(cluster.teams.map((t: any) => [t.teamId, normalise(t.amount)]))).toEqual(Object.fromEntries(Object.entries(g.teams).map(([team, months]) => [team, sum(months)])));
      expect(Object.fromEntries(cluster.namespaces.map((n: any) => [n.namespace, normalise(n.amount)]))).toEqual(Object.fromEntries(Object.entries(g.namespaces).map(([ns, months]) => [ns, sum(months)])));
      expect(cluster.periods.map((p: any) => [p.period, normalise(p.total), normalise(p.idle)])).toEqual(Object.keys(g.total).map((m) => [m, normalise(g.total[m]!), normalise(g.idle[m]!)]));
    }
  });
});
