// The Clusters page, a team's share of each cluster and the cluster nudges in real Chromium, on an
// exports-only company whose one export is a small split CUR (test/support/cluster-cur.ts,
// 2024-09-01..16; not the demo): prod-eks costs 143 over the range, 32 of it idle (22.4%) against its
// goal of 20%; checkout's pods cost 56 of it (39.2%).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { loadConfig } from "../../jobs/config/load-config";
import { openRuntime, type Runtime } from "../../jobs/runtime";
import { startServer, type RunningServer } from "../../api/server";
import { launchChromium } from "../support/chromium";
import { layoutFiles } from "../support/layout-files";
import { CLUSTER_CUR_SPAN, CLUSTER_OWNERSHIP, clusterCurRows } from "../support/cluster-cur";

const root = mkdtempSync(join(tmpdir(), "tallyboard-e2e-clusters-"));
const location = join(root, "exports");
mkdirSync(location);
writeFileSync(join(location, "cur-2024-09.csv"), layoutFiles.legacyCsv(clusterCurRows(CLUSTER_CUR_SPAN.first, CLUSTER_CUR_SPAN.last)));
writeFileSync(join(root, "ownership.yaml"), CLUSTER_OWNERSHIP());

let runtime: Runtime;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const env = { TALLYBOARD_SOURCE: "exports", IMPORT_LOCATION: location, OWNERSHIP_FILE: join(root, "ownership.yaml"), DATA_DIR: join(root, "data"), LOG_LEVEL: "silent", AUTH_MODE: "open" };
  runtime = await openRuntime(loadConfig(env, process.cwd()));
  server = await startServer(runtime, { port: 0, host: "127.0.0.1" });
  await server.scheduler.initialSync; // imports IMPORT_LOCATION, then generates nudges
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, reducedMotion: "reduce" });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.close();
});

it("Clusters page: each cluster's cost by team and namespace and its idle share per day as a line against its goal", async () => {
  await page.goto(`${server.url}/#/clusters`);
  await page.waitForSelector("[data-testid=cluster-prod-eks]", { timeout: 60_000 });
  const card = page.locator("[data-testid=cluster-prod-eks]");
  expect(await card.innerText()).toContain("$143.00 over the range, $32.00 idle (22.4%)");
  expect(await card.innerText()).toContain("Idle share (goal 20.0%)");
  expect(await page.locator("[data-testid=cluster-teams-prod-eks] tr").allInnerTexts()).toEqual(["Team\tCost", "checkout\t$56.00", "payments\t$55.00", "platform\t$32.00"]);
  // the trend: a drawn line (recharts path) in the idle-share chart of each cluster, and the goal line
  const chart = page.locator("[data-testid=idle-share-chart-prod-eks]");
  await chart.locator(".recharts-line-curve").waitFor({ timeout: 30_000 });
  expect(await chart.locator(".recharts-line-curve").getAttribute("d")).toMatch(/^M[\d.,]+/);
  expect(await chart.locator(".recharts-reference-line").count()).toBe(1);
  expect(await chart.getAttribute("aria-label")).toBe("Idle share of prod-eks by period, goal 20.0%");
  expect(await page.locator("[data-testid=idle-share-chart-jobs-eks]").getAttribute("aria-label")).toBe("Idle share of jobs-eks by period, goal 25.0%");
  await page.screenshot({ path: join(root, "clusters.png"), fullPage: true });
}, 120_000);

it("a team's page shows its share of each cluster: checkout 56 of prod-eks's 143 (39.2%), all of it its pods; platform its idle 32", async () => {
  await page.goto(`${server.url}/#/teams/checkout?from=${CLUSTER_CUR_SPAN.first}&to=${CLUSTER_CUR_SPAN.last}`);
  await page.waitForSelector("[data-testid=team-cluster-prod-eks]", { timeout: 60_000 });
  expect(await page.locator("[data-testid=team-cluster-prod-eks]").innerText()).toBe("prod-eks\t$56.00\t$56.00\t$0.00\t$143.00\t39.2%");
  expect(await page.locator("[data-testid=team-period-total]").innerText()).toBe("$104.00");
  await page.goto(`${server.url}/#/teams/platform?from=${CLUSTER_CUR_SPAN.first}&to=${CLUSTER_CUR_SPAN.last}`);
  await page.waitForSelector("[data-testid=team-cluster-prod-eks]", { timeout: 60_000 });
  expect(await page.locator("[data-testid=team-cluster-prod-eks]").innerText()).toBe("prod-eks\t$32.00\t$0.00\t$32.00\t$143.00\t22.4%");
  // why these dollars are here: the cluster's idle policy, named
  expect(await page.locator("[data-testid=team-decided-by-table]").innerText()).toContain("Cluster idle");
  await page.screenshot({ path: join(root, "team-clusters.png"), fullPage: true });
}, 120_000);

it("the Nudges page shows the three cluster nudges with their dollars", async () => {
  await page.goto(`${server.url}/#/nudges`);
  await page.waitForSelector("[data-testid=nudge][data-rule=underused-workload]", { timeout: 60_000 });
  const title = (rule: string) => page.locator(`[data-testid=nudge][data-rule=${rule}] .nudge-title`).innerText();
  expect(await title("cluster-idle-share")).toBe("$60/month idle in cluster prod-eks: 22.2% of its cost (goal 20%)");
  expect(await title("unowned-namespace")).toBe("Namespace ml-scratch in cluster jobs-eks has no owner: $120/month on no team");
  expect(await title("underused-workload")).toBe("batch in prod-eks/payments used 10% of its reserved vCPU for two weeks: $54/month reserved and unused");
}, 120_000);
