// The Efficiency page in real Chromium on the demo company after one real sync: the headline numbers
// equal the API's and an independent computation from the fixture CSVs (test/support/efficiency-expectations.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Decimal from "decimal.js";
import type { Browser, Page } from "playwright-core";
import { loadConfig } from "../../jobs/config/load-config";
import { openRuntime, runSyncCycle, type Runtime } from "../../jobs/runtime";
import { startServer, type RunningServer } from "../../api/server";
import { launchChromium } from "../support/chromium";
import { usd } from "../support/demo-expectations";
import { expectedOverheadPerEngineer, expectedUnitCost } from "../support/efficiency-expectations";

const MONTH = "2026-10";
const screenshots = process.env.E2E_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), "tallyboard-screens-"));
let runtime: Runtime;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const config = loadConfig({ TALLYBOARD_SOURCE: "demo", DATA_DIR: mkdtempSync(join(tmpdir(), "tallyboard-e2e-")), LOG_LEVEL: "silent" }, process.cwd());
  runtime = await openRuntime(config); // the demo path loads the business CSVs into empty tables
  expect((await runSyncCycle(runtime))?.costs.status).toBe("succeeded");
  server = await startServer(runtime, { port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, reducedMotion: "reduce" });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.close();
  console.log(`efficiency screenshots: ${screenshots}`);
});

async function open(ready: string) {
  await page.goto(`${server.url}/#/efficiency`);
  await page.waitForSelector(ready, { timeout: 30_000 });
  await page.waitForLoadState("networkidle");
}
const api = async (path: string) => (await fetch(`${server.url}${path}`)).json() as Promise<any>;
const text = (selector: string) => page.locator(selector).first().innerText();

describe("Efficiency page on the demo company", () => {
  it(`headline cards: unit cost and overhead per engineer for ${MONTH} equal the API and the fixture CSVs`, async () => {
    await open("[data-testid=metric-unit-cost] [data-field=value]");
    const { cards } = await api("/api/metrics/efficiency");
    const unit = expectedUnitCost("searches", MONTH);
    const overhead = expectedOverheadPerEngineer(MONTH);
    expect([cards.unitCost.value, cards.engineerOverhead.value]).toEqual([unit, overhead]);
    expect(await page.locator("[data-testid=metric-unit-cost] [data-field=value]").getAttribute("data-value")).toBe(unit);
    expect(await text("[data-testid=metric-unit-cost] [data-field=value]")).toBe(usd(new Decimal(unit)));
    expect(await text("[data-testid=metric-engineer-overhead] [data-field=value]")).toBe(usd(new Decimal(overhead)));
    expect(await text("[data-testid=metric-unit-cost] [data-field=goal]")).toContain("$170.00");
    expect(await text("[data-testid=metric-unit-cost]")).toContain("per 10,000 searches");
    expect(await text("[data-testid=metric-engineer-overhead] [data-field=change]")).toContain(usd(new Decimal(cards.engineerOverhead.change.amount)).replace("$", "+$"));
    expect(await page.locator("[data-testid=metric-unit-cost-sparkline] .recharts-line path").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, "efficiency.png"), fullPage: true });
    await page.locator("[data-testid=efficiency-metric-cards]").screenshot({ path: join(screenshots, "efficiency-cards.png") });
  });

  it("drill-down per team: one row per team with the API's unit cost", async () => {
    await open("[data-testid=team-efficiency-table] tbody tr");
    const { teams } = await api("/api/metrics/teams");
    expect(await page.locator("[data-testid=team-efficiency-table] tbody tr").count()).toBe(teams.length);
    const search = teams.find((t: { teamId: string }) => t.teamId === "search");
    expect(await text('[data-testid=team-efficiency-table] tr[data-team-id="search"] [data-field=unit-cost]')).toContain(usd(new Decimal(search.unitCost)));
    expect(await text('[data-testid=team-efficiency-table] tr[data-team-id="platform"] [data-field=unit-cost]')).toBe("no operations");
  });

  it("revenue vs cost: two lines on a log axis with a marker per inflection", async () => {
    await open("[data-testid=revenue-cost-chart] .recharts-line");
    const { revenue } = await api("/api/metrics/revenue");
    expect(await page.locator("[data-testid=revenue-cost-chart] .recharts-line").count()).toBe(2);
    expect(await page.locator("[data-testid=revenue-cost-chart] .recharts-reference-dot").count()).toBe(revenue.inflections.revenue.length + revenue.inflections.cost.length);
    expect(await text("[data-testid=inflections]")).toContain("Infrastructure cost accelerating");
    await page.locator("[data-testid=revenue-card]").screenshot({ path: join(screenshots, "efficiency-revenue.png") });
  });

  it("environment split and operating mode show the API's figures and reasoning", async () => {
    await open("[data-testid=mode-diagnosis]");
    const { diagnosis } = await api("/api/metrics/operating-mode");
    expect(await text("[data-testid=mode-diagnosis]")).toContain(diagnosis.reasoning);
    expect(await page.locator("[data-testid=operating-mode] [data-check]").count()).toBe(5);
    const env = await api("/api/metrics/environments");
    const production = env.rows.find((r: { environment: string }) => r.environment === "production");
    expect(await text('[data-testid=environment-table] tr[data-environment="production"] [data-field=cost]')).toBe(usd(new Decimal(production.amount)));
    await page.locator("[data-testid=operating-mode]").screenshot({ path: join(screenshots, "efficiency-mode.png") });
    await page.locator("[data-testid=environment-split]").screenshot({ path: join(screenshots, "efficiency-environments.png") });
  });

  it("calculator: one engineer-week for $10,000/month is worth it, for $1,000/month it is not", async () => {
    await open("[data-testid=calculator-result] [data-field=verdict]");
    expect(await text("[data-testid=calculator-result] [data-field=verdict]")).toMatch(/^Worth it/);
    await page.fill("[data-testid=calculator] input[data-field=savingsPerMonth]", "1000");
    await page.waitForFunction(() => document.querySelector("[data-testid=calculator-result] [data-field=verdict]")?.textContent?.startsWith("Not worth it"));
    await page.locator("[data-testid=calculator]").screenshot({ path: join(screenshots, "efficiency-calculator.png") });
  });

  it("every table downloads as CSV", async () => {
    await open("[data-testid=csv-teams]");
    for (const link of await page.locator("a.csv-download").all()) {
      const response = await page.request.get(`${server.url}${await link.getAttribute("href")}`);
      expect(response.headers()["content-type"]).toContain("text/csv");
      expect((await response.text()).split("\n").length).toBeGreaterThan(1);
    }
  });

  it("a failing endpoint shows the API's error in its card, and missing revenue an empty state", async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, reducedMotion: "reduce" }); // a fresh query cache
    await page.route("**/api/metrics/teams?*", (route) => route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "INTERNAL_SERVER_ERROR", message: "teams are unavailable", requestId: "r1" } }) }));
    await page.route("**/api/metrics/revenue?*", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ revenue: null }) }));
    await open("[data-testid=team-efficiency] [data-testid=error-state]");
    expect(await text("[data-testid=team-efficiency] [data-testid=error-state]")).toContain("teams are unavailable");
    expect(await text("[data-testid=revenue-card] [data-testid=empty-state]")).toContain("No revenue figures yet");
    await page.unrouteAll();
  });
});
