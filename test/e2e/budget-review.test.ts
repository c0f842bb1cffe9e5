// The Budget review page in real Chromium on the demo company after one real sync: a team's variance
// equals the API's, a row opens onto what moved, and a flagged team is approved with an audit row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import Decimal from "decimal.js";
import { startDemoDashboard, type DemoDashboard } from "../support/demo-dashboard";
import { usd } from "../support/demo-expectations";

const MONTH = "2026-10";
let demo: DemoDashboard;

beforeAll(async () => {
  demo = await startDemoDashboard("budget-review");
}, 300_000);
afterAll(async () => demo?.close());

const api = async (path: string) => (await fetch(`${demo.server.url}${path}`)).json() as Promise<any>;
const open = async (hash: string, ready: string) => {
  await demo.page.goto(`${demo.server.url}/#${hash}`);
  await demo.page.waitForSelector(ready, { timeout: 30_000 });
  await demo.page.waitForLoadState("networkidle");
};
const shot = (name: string) => demo.page.screenshot({ path: join(demo.screenshots, name), fullPage: true });
const signedUsd = (amount: string) => (new Decimal(amount).isZero() ? "$0.00" : `${new Decimal(amount).isNeg() ? "-" : "+"}${usd(new Decimal(amount).abs())}`);

describe("Budget review page on the demo company", () => {
  it("the open month: teams sorted by variance, each team's variance equal to the API's", async () => {
    await open("/budget-review", "[data-testid=budget-review-table] tbody tr.budget-row");
    const review = await api("/api/budgets/review");
    expect(review.month).toBe("2026-11");
    const ids = await demo.page.locator("[data-testid=budget-review-table] tr.budget-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-team-id")));
    expect(ids).toEqual(review.teams.map((t: { teamId: string }) => t.teamId));
    const first = review.teams[0];
    const cell = demo.page.locator(`tr[data-team-id="${first.teamId}"] [data-field=variance]`);
    expect(await cell.getAttribute("data-value")).toBe(first.varianceUsd);
    expect(await cell.innerText()).toBe(signedUsd(first.varianceUsd));
    await shot("budget-review.png");
  });

  it(`${MONTH}: open a flagged row (services, days, nudges) and approve it; the row turns approved and the audit names who`, async () => {
    await open(`/budget-review?month=${MONTH}`, "[data-testid=budget-review-table] tbody tr.budget-row");
    const review = await api(`/api/budgets/review?month=${MONTH}`);
    const flagged = review.teams.find((t: { status: string }) => t.status === "over-needs-approval");
    expect(flagged, "a team over budget by more than 2% in October").toBeDefined();
    const row = demo.page.locator(`tr[data-team-id="${flagged.teamId}"]`);
    expect(await row.locator("[data-field=variance]").innerText()).toBe(signedUsd(flagged.varianceUsd));
    expect(await row.locator("[data-testid=budget-status]").innerText()).toBe("Needs approval");
    await row.locator(".budget-expand").click();
    await demo.page.waitForSelector("[data-testid=budget-services] tr");
    await demo.page.waitForSelector("[data-testid=budget-days-chart] .recharts-bar-rectangle");
    await demo.page.waitForSelector("[data-testid=budget-nudges], [data-testid=budget-nudges-empty], [data-testid=budget-nudges-unavailable]");
    await shot("budget-review-expanded.png");
    await demo.page.fill("[data-testid=budget-approval-actor]", "cfo@lumen");
    await demo.page.fill("[data-testid=budget-approval-reason]", "Peak season started early");
    await demo.page.click("[data-testid=budget-approve]");
    await demo.page.waitForSelector(`tr[data-team-id="${flagged.teamId}"] .budget-status-over-approved`);
    await demo.page.waitForSelector("[data-testid=budget-approval]");
    expect(await demo.page.locator("[data-testid=budget-approval]").innerText()).toContain("cfo@lumen");
    const [entry] = (await api(`/api/budgets/audit?month=${MONTH}&teamId=${flagged.teamId}`)).entries;
    expect(entry).toMatchObject({ action: "approval.create", actor: "cfo@lumen" });
    await demo.page.waitForSelector("[data-testid=budget-audit-table] tr td");
    expect(await demo.page.locator("[data-testid=budget-audit-table]").innerText()).toContain("Peak season started early");
    await shot("budget-review-approved.png");
  });
});
