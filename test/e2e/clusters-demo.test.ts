// The Clusters page in real Chromium on the demo company after one real sync cycle (the containers
// account's CUR with split cost allocation data, then Cost Explorer): the three clusters with
// golden.json's totals, idle cost and cost per team and namespace, to the cent as the page shows them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { startDemoDashboard, type DemoDashboard } from "../support/demo-dashboard";
import { usd } from "../support/demo-expectations";

interface ClusterGolden {
  total: Record<string, string>;
  idle: Record<string, string>;
  teams: Record<string, Record<string, string>>;
  namespaces: Record<string, Record<string, string>>;
}
const golden: Record<string, ClusterGolden> = JSON.parse(readFileSync("fixtures/demo/golden.json", "utf8")).clusters;
const total = (byMonth: Record<string, string>) => Object.values(byMonth).reduce((s, v) => s.plus(v), new Decimal(0));

let demo: DemoDashboard;
beforeAll(async () => {
  demo = await startDemoDashboard("clusters");
  await demo.page.goto(`${demo.server.url}/#/clusters`);
  await demo.page.waitForSelector("[data-testid=clusters-page]", { timeout: 60_000 });
}, 300_000);
afterAll(async () => demo?.close());

/** A table's rows as [first cell, last cell]. */
const rows = (testId: string) =>
  demo.page.locator(`[data-testid="${testId}"] tbody tr`).evaluateAll((trs) => trs.map((tr) => [tr.querySelector("td")!.textContent!.trim(), tr.querySelector("td:last-child")!.textContent!.trim()]));

describe("Clusters page on the demo company", () => {
  it("shows the two EKS clusters and the ECS cluster, each with golden.json's total and idle cost", async () => {
    const cards = await demo.page.locator("[data-testid^=cluster-lumen-]").evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")));
    expect(cards).toEqual(Object.keys(golden).sort().map((name) => `cluster-${name}`));
    for (const [name, cluster] of Object.entries(golden)) {
      const card = await demo.page.locator(`[data-testid="cluster-${name}"]`).innerText();
      expect(card).toContain(`${usd(total(cluster.total))} over the range, ${usd(total(cluster.idle))} idle`);
    }
    await demo.page.screenshot({ path: join(demo.screenshots, "clusters.png"), fullPage: true });
  });

  it("lists each cluster's teams (idle shares included) and namespaces with golden.json's cost", async () => {
    for (const [name, cluster] of Object.entries(golden)) {
      const teams = Object.fromEntries(await rows(`cluster-teams-${name}`));
      expect(teams).toEqual(Object.fromEntries(Object.entries(cluster.teams).map(([team, months]) => [team, usd(total(months))])));
      const namespaces = Object.fromEntries(await rows(`cluster-namespaces-${name}`));
      expect(namespaces).toEqual(Object.fromEntries(Object.entries(cluster.namespaces).map(([ns, months]) => [ns, usd(total(months))])));
    }
    // The product teams on the production EKS cluster carry its cost, not the platform team alone.
    const prod = Object.keys(golden["lumen-prod-eks"]!.teams);
    expect(prod).toEqual(expect.arrayContaining(["checkout", "quotes", "booking", "tracking", "notifications", "web-app", "search", "platform"]));
  });
});
