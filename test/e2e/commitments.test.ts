// The Commitments page in real Chromium on the demo company after the cost sync and the commitments
// sync: the inventory and expirations calendar, the trend chart, Tallyboard's recommendation next to
// AWS's, the simulator and the per-team table show the API's numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { startDemoDashboard, type DemoDashboard } from "../support/demo-dashboard";
import { runCommitmentsSync } from "../../jobs/runtime";

let demo: DemoDashboard;
beforeAll(async () => {
  demo = await startDemoDashboard("commitments");
  const run = await runCommitmentsSync(demo.runtime);
  if (run?.status !== "succeeded") throw new Error(`commitments sync failed: ${run?.error}`);
}, 300_000);
afterAll(async () => demo?.close());

const api = async (path: string) => (await fetch(`${demo.server.url}${path}`)).json() as Promise<any>;
const usd = (amount: string) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 }).format(amount as Intl.StringNumericLiteral);

describe("Commitments page on the demo company", () => {
  it("lists every commitment and puts the Compute Savings Plan's end (2027-01-01, 41 days) first in the calendar", async () => {
    await demo.page.goto(`${demo.server.url}/#/commitments`);
    await demo.page.waitForSelector("[data-testid=inventory-table] tbody tr", { timeout: 30_000 });
    const overview = await api("/api/commitments");
    const ids = await demo.page.locator("[data-testid=inventory-table] tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-commitment-id")));
    expect(ids).toEqual(overview.inventory.map((c: { id: string }) => c.id));
    const first = await demo.page.locator("[data-testid=expiration]").first().innerText();
    expect(first).toContain("Compute Savings Plan $28/h ends 2027-01-01 (in 41 days)");
    expect(first).toContain(usd(overview.expirations[0].monthlyOnDemandEquivalent));
    expect(await demo.page.locator("[data-testid=commitment-trend-chart] svg .recharts-line").count()).toBe(4);
  });

  it("shows Tallyboard's and AWS's $/hour as the API computes them, with the reasons", async () => {
    await demo.page.waitForSelector("[data-testid=recommendation-comparison] tr[data-who=AWS]", { timeout: 30_000 });
    const plan = await api("/api/commitments/plan?confidence=0.9");
    const hourly = (who: string) => demo.page.locator(`[data-testid=recommendation-comparison] tr[data-who=${who}] [data-field=hourly]`).innerText();
    expect(await hourly("Tallyboard")).toBe(usd(plan.comparison.tallyboard.hourlyCommitment));
    expect(await hourly("AWS")).toBe(usd(plan.comparison.aws.hourlyCommitment));
    expect(await demo.page.locator("[data-testid=recommendation-reasons] li").count()).toBe(plan.comparison.reasons.length);
  });

  it("simulates $40/h more with usage halved and shows the API's result", async () => {
    await demo.page.fill("input[aria-label='Dollars per hour']", "40");
    await demo.page.fill("input[aria-label='Usage drop percent']", "50");
    await demo.page.click("[data-testid=simulate-submit]");
    await demo.page.waitForSelector("[data-testid=simulation-summary]", { timeout: 30_000 });
    const result = await api("/api/commitments/simulate?commitment=compute-sp,1,NO_UPFRONT,40&drop=0.5");
    const summary = await demo.page.locator("[data-testid=simulation-summary]").innerText();
    expect(summary).toContain(`+${usd(result.added.monthlySavings)}/month`);
    const dropUtilization = await demo.page.locator("[data-testid=simulation-result] tbody tr").nth(1).locator("[data-field=drop-utilization]").innerText();
    expect(dropUtilization).toBe(new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(result.withPlan.usageDrop.result.utilization));
  });

  it("shows each team's unused commitment as the shared-cost pool put it", async () => {
    const view = await api("/api/commitments/teams");
    const unused = await demo.page.locator("[data-testid=team-effect-table] tbody tr [data-field=unused]").allInnerTexts();
    expect(unused).toEqual(view.teams.map((t: { unusedCommitment: string }) => usd(t.unusedCommitment)));
    await demo.page.screenshot({ path: join(demo.screenshots, "commitments.png"), fullPage: true });
  });
});
