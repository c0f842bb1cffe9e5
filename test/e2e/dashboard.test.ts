// The dashboard in real Chromium against the API on the demo company, after one real sync cycle.
// Expected numbers come from fixtures/demo/golden.json and cost-lines.csv (decimal.js), not from the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import Decimal from "decimal.js";
import type { Page } from "playwright-core";
import type { RunningServer } from "../../api/server";
import { startDemoDashboard, type DemoDashboard } from "../support/demo-dashboard";
import { addDays, expectedMonths, expectedTeamMonth, loadDemo, usd } from "../support/demo-expectations";

const dataset = loadDemo();
const lastCompleteDay = addDays(dataset.manifest.asOf, -1);

let dashboard: DemoDashboard;
let server: RunningServer;
let page: Page;

beforeAll(async () => {
  dashboard = await startDemoDashboard("dashboard");
  ({ server, page } = dashboard);
}, 300_000);

afterAll(() => dashboard?.close());

async function open(hash: string, ready: string) {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
  await page.waitForLoadState("networkidle");
}

const text = (selector: string) => page.locator(selector).first().innerText();

describe("dashboard on the demo company", () => {
  it("Overview: the monthly chart shows each month's attributed, unattributed and total spend (golden.json)", async () => {
    await open("#/", "[data-testid=monthly-spend-values] tr[data-month]");
    const expected = expectedMonths();
    const shownMonths = await page.locator("[data-testid=monthly-spend-values] tr[data-month]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-month")));
    expect(shownMonths).toEqual([...expected.keys()].sort());
    for (const [month, amounts] of expected) {
      const row = `[data-testid=monthly-spend-values] tr[data-month="${month}"]`;
      expect.soft(await text(`${row} [data-field=attributed]`), `${month} attributed`).toBe(usd(amounts.attributed));
      expect.soft(await text(`${row} [data-field=unattributed]`), `${month} unattributed`).toBe(usd(amounts.unattributed));
      expect.soft(await text(`${row} [data-field=total]`), `${month} total`).toBe(usd(amounts.total));
    }
    // Drawn, not just tabulated: a bar per month and series, and every month labelled on the axis.
    expect(await page.locator("[data-testid=monthly-spend-chart] svg .recharts-bar-rectangle path, [data-testid=monthly-spend-chart] svg .recharts-bar-rectangle rect").count()).toBeGreaterThanOrEqual(expected.size);
    expect(await page.locator("[data-testid=monthly-spend-chart] .recharts-xAxis .recharts-cartesian-axis-tick").count()).toBe(expected.size);
    expect(await page.locator("[data-testid=top-teams-chart] svg path").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(dashboard.screenshots, "overview.png"), fullPage: true });
  });

  it(`Overview: the last complete billing day is the manifest's asOf minus one day (${lastCompleteDay})`, async () => {
    await open("#/", "[data-testid=headline-last-complete-day] time");
    expect(await page.locator("[data-testid=headline-last-complete-day] time").getAttribute("datetime")).toBe(lastCompleteDay);
    expect(await text("[data-testid=headline-last-complete-day] .stat-value")).toBe(
      new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }).format(new Date(`${lastCompleteDay}T00:00:00Z`)),
    );
  });

  it("Teams: every team links to its page and unattributed is its own, marked row", async () => {
    await open("#/teams", "[data-testid=teams-table] tbody tr");
    expect(await page.locator("[data-testid=teams-table] tbody tr").count()).toBeGreaterThan(5);
    const unattributed = page.locator("[data-testid=teams-table] tr.row-unattributed");
    expect(await unattributed.count()).toBe(1);
    expect(await unattributed.innerText()).toContain("no owner");
    await page.screenshot({ path: join(dashboard.screenshots, "teams.png"), fullPage: true });
    await page.locator('[data-testid=teams-table] tr[data-team-id="checkout"] a').click();
    await page.waitForSelector("[data-testid=team-header]");
    expect(page.url()).toContain("#/teams/checkout");
  });

  it("Team: the 30-day preset covers the last 30 complete days, and the charts draw", async () => {
    const from = addDays(lastCompleteDay, -29);
    await open("#/teams/checkout?days=30", `[data-testid=team-period] time[datetime="${from}"]`);
    expect(await page.locator("[data-testid=team-by-service-chart] svg .recharts-area-area").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=team-by-account-chart] svg .recharts-area-area").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=team-decided-by-chart] svg path").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(dashboard.screenshots, "team.png"), fullPage: true });
  });

  it.each([
    ["search", "2026-03"],
    ["checkout", "2026-10"],
    ["data-platform", "2026-06"],
  ])("Team: %s in %s (from/to) shows its golden total, shared costs included", async (team, month) => {
    const to = addDays(`${month}-01`, 40).slice(0, 8) + "01";
    const last = addDays(to, -1);
    await open(`#/teams/${team}?from=${month}-01&to=${last}`, `[data-testid=team-period] time[datetime="${last}"]`);
    expect(await text("[data-testid=team-period-total]")).toBe(usd(expectedTeamMonth(team, month)));
  });

  it("Overview: switching the measure to unblended redraws the months with the CSV's unblended totals", async () => {
    await open("#/", "[data-testid=monthly-spend-values] tr[data-month]");
    await page.selectOption("[data-testid=measure-select]", "unblended");
    await page.waitForURL(/measure=unblended/);
    const month = "2026-01"; // a month where a savings plan makes unblended and amortized differ
    const unblended = dataset.rows.filter((row) => row.day.startsWith(month)).reduce((sum, row) => sum.plus(row.unblended), new Decimal(0));
    await page.waitForFunction(
      ([selector, value]) => document.querySelector(selector!)?.textContent === value,
      [`[data-testid=monthly-spend-values] tr[data-month="${month}"] [data-field=total]`, usd(unblended)],
    );
  });

  it("Team: an unknown team shows the API's error message", async () => {
    await open("#/teams/no-such-team", "[data-testid=error-state]");
    expect(await text("[data-testid=error-state]")).toContain('No team "no-such-team"');
    await page.screenshot({ path: join(dashboard.screenshots, "team-not-found.png"), fullPage: true });
  });

  it("Data sync: runs, the last complete day, a clean reconciliation of every synced day and the Cost Explorer control total", async () => {
    await open("#/sync", "[data-testid=job-runs-table] tbody tr");
    expect(await page.locator("[data-testid=job-runs-table] tbody tr").count()).toBeGreaterThanOrEqual(2);
    expect(await text("[data-testid=reconciliation-result]")).toContain("Every day reconciles");
    const firstDay = [...dataset.rows.map((row) => row.day)].sort()[0]!;
    const days = (Date.parse(dataset.manifest.asOf) - Date.parse(firstDay)) / 86_400_000;
    expect(await text("[data-testid=reconciliation-days]")).toBe(String(days));
    // The control: Cost Explorer's ungrouped total of the same days, computed here from the fixture's rows.
    const billed = dataset.rows.filter((row) => row.day < dataset.manifest.asOf).reduce((sum, row) => sum.plus(row.unblended), new Decimal(0));
    expect(await text("[data-testid=control-result]")).toBe("Matches Cost Explorer's own totals");
    expect(await text("[data-testid=control-amount]")).toBe(usd(billed));
    expect(await text("[data-testid=control-attributed]")).toBe(usd(billed));
    await page.screenshot({ path: join(dashboard.screenshots, "sync.png"), fullPage: true });
  });
});
