// The Data sync page of an exports-only company in real Chromium: the newest import's data-quality
// report (totals per period summed in the test with decimal.js) and its warning about a file that
// has no tag columns; the last complete billing day comes from the exports, its month partial.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import Decimal from "decimal.js";
import type { Browser, Page } from "playwright-core";
import { loadConfig } from "../../jobs/config/load-config";
import { openRuntime, type Runtime } from "../../jobs/runtime";
import { startServer, type RunningServer } from "../../api/server";
import { launchChromium } from "../support/chromium";
import { EXPORTS_OWNERSHIP_YAML, writeCompanyExports } from "../support/exports-company";
import { usd } from "../support/demo-expectations";

const root = mkdtempSync(join(tmpdir(), "tallyboard-e2e-quality-"));
const [tagged, untagged, location] = ["tagged", "untagged", "exports"].map((name) => join(root, name));
for (const dir of [tagged, untagged, location]) mkdirSync(dir!);
const october = writeCompanyExports(tagged!);
const november = writeCompanyExports(untagged!, { tagColumns: false });
// October with owner tags, November exported without any tag column.
copyFileSync(october.files[0]!, join(location!, basename(october.files[0]!)));
copyFileSync(november.files[1]!, join(location!, basename(november.files[1]!)));
writeFileSync(join(root, "ownership.yaml"), EXPORTS_OWNERSHIP_YAML);

let runtime: Runtime;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const env = { TALLYBOARD_SOURCE: "exports", IMPORT_LOCATION: location!, OWNERSHIP_FILE: join(root, "ownership.yaml"), DATA_DIR: join(root, "data"), LOG_LEVEL: "silent", AUTH_MODE: "open" };
  runtime = await openRuntime(loadConfig(env, process.cwd()));
  server = await startServer(runtime, { port: 0, host: "127.0.0.1" });
  await server.scheduler.initialSync; // imports IMPORT_LOCATION at first start
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, reducedMotion: "reduce" });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.close();
});

it("Data sync shows the import's totals per period, tag keys, spend without an owner tag and the no-tag-columns warning", async () => {
  await page.goto(`${server.url}/#/sync`);
  await page.waitForSelector("[data-testid=import-quality-periods] tr[data-period]", { timeout: 60_000 });
  const cell = (period: string) => page.locator(`[data-testid=import-quality-periods] tr[data-period="${period}"] [data-field=unblended]`).innerText();
  expect(await cell("2026-10-01")).toBe(usd(new Decimal(october.byPeriod["2026-10-01"]!)));
  expect(await cell("2026-11-01")).toBe(usd(new Decimal(november.byPeriod["2026-11-01"]!)));
  expect(await page.locator("[data-testid=import-quality-summary]").innerText()).toContain(`${31 * 4 + 1 + 18 * 4 + 1} rows in 2 billing periods`);
  expect(await page.locator("[data-testid=import-quality-tag-keys]").innerText()).toBe("env, owner (owner key), team (owner key)");
  const warnings = page.locator("[data-testid=import-quality-warnings] li");
  expect(await warnings.count()).toBe(1);
  expect(await warnings.first().getAttribute("data-code")).toBe("no-tag-columns");
  expect(await warnings.first().innerText()).toContain(`${basename(november.files[1]!)} has no tag columns at all`);
  expect(await page.locator("[data-testid=sync-last-complete-day]").innerText()).toContain("2026-11 is partial");
  await page.screenshot({ path: join(root, "sync-quality.png"), fullPage: true });
}, 120_000);
