// The Nudges inbox in real Chromium on the demo company after a real sync and nudge run: it lists
// what the API lists, and acknowledge / snooze / dismiss / webhook settings work from the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { RunningServer } from "../../api/server";
import { startDemoDashboard, type DemoDashboard } from "../support/demo-dashboard";
import { startWebhookReceiver, type WebhookReceiver } from "../webhook-receiver/receiver";
import { runNudgeJob } from "../../jobs/nudges/nudge-job";
import { addDays } from "../support/demo-expectations";

const TEAM = "data-platform"; // untagged spend, idle resources and low coverage in the demo
let dashboard: DemoDashboard;
let server: RunningServer;
let page: Page;
let receiver: WebhookReceiver;

interface ApiNudge { id: number; teamId: string; status: string; title: string; snoozedUntil: string | null; actor: string | null; dismissReason: string | null }
async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}
const nudgesOf = (query: string) => getJson<{ today: string; nudges: ApiNudge[] }>(`/api/nudges?${query}`);

async function open(hash: string, ready: string) {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
  await page.waitForLoadState("networkidle");
}
const shot = (name: string) => page.screenshot({ path: join(dashboard.screenshots, `${name}.png`), fullPage: true });

beforeAll(async () => {
  dashboard = await startDemoDashboard("nudges");
  ({ server, page } = dashboard);
  receiver = await startWebhookReceiver();
  const run = await runNudgeJob(dashboard.runtime.database, "demo", { allowedWebhookHosts: ["127.0.0.1"] });
  expect(run?.status).toBe("succeeded");
  await page.addInitScript(() => window.localStorage.setItem("tallyboard.actor", "e2e-tester"));
}, 300_000);
afterAll(async () => {
  await receiver?.close();
  await dashboard?.close();
});

describe("Nudges page on the demo company", () => {
  it("lists every active nudge the API lists, most dollars first", async () => {
    await open("#/nudges", "[data-testid=nudge]");
    const api = await nudgesOf("view=active");
    expect(api.nudges.length).toBeGreaterThan(5);
    const titles = await page.locator("[data-testid=nudge] .nudge-title").allTextContents();
    expect(titles).toEqual(api.nudges.map((n) => n.title));
    await shot("nudges-all");
    const anomaly = page.locator("[data-testid=nudge][data-rule=anomaly]").first();
    await anomaly.locator("summary").click();
    await anomaly.locator(".nudge-evidence-table tbody tr").first().waitFor();
    await anomaly.screenshot({ path: join(dashboard.screenshots, "nudge-anomaly-evidence.png") });
  });

  it("filters by team, and acknowledge, snooze (a week) and dismiss (with a reason) work from the page", async () => {
    await page.selectOption("select[aria-label=Team]", TEAM);
    await page.waitForFunction(() => window.location.hash.includes("team=data-platform"));
    await page.waitForSelector("[data-testid=nudge]");
    const before = await nudgesOf(`teamId=${TEAM}&view=active`);
    expect(before.nudges.length).toBeGreaterThanOrEqual(2);
    expect(await page.locator("[data-testid=nudge]").count()).toBe(before.nudges.length);
    const [first, second] = before.nudges as [ApiNudge, ApiNudge];

    await page.locator("[data-testid=nudge]").nth(0).getByRole("button", { name: "Acknowledge" }).click();
    await page.locator("[data-testid=nudge][data-status=acknowledged]").first().waitFor();
    await page.locator("[data-testid=nudge]").nth(1).getByRole("button", { name: "Snooze…" }).click();
    await page.locator("[data-testid=nudge]").nth(1).getByRole("button", { name: "a week" }).click();
    await page.locator("[data-testid=nudge][data-status=snoozed]").first().waitFor();
    await shot("nudges-team-acted");
    const after = new Map((await nudgesOf(`teamId=${TEAM}&view=active`)).nudges.map((n) => [n.id, n]));
    expect(after.get(first.id)).toMatchObject({ status: "acknowledged", actor: "e2e-tester" });
    expect(after.get(second.id)).toMatchObject({ status: "snoozed", snoozedUntil: addDays(before.today, 7) });

    const item = page.locator("[data-testid=nudge]").nth(0);
    await item.getByRole("button", { name: "Dismiss…" }).click();
    await item.locator("select[aria-label='Dismiss reason']").selectOption("seasonal");
    await item.getByRole("button", { name: "Dismiss", exact: true }).click();
    await page.getByRole("tab", { name: /Dismissed/ }).click();
    await page.locator("[data-testid=nudge][data-status=dismissed]").first().waitFor();
    expect((await nudgesOf(`teamId=${TEAM}&view=dismissed`)).nudges[0]).toMatchObject({ dismissReason: "seasonal" });
  });

  it("takes a webhook URL, shows only its mask, and the next run delivers to it", async () => {
    const url = receiver.url("/hooks/T123/B456/super-secret-9f3k");
    await page.locator("input[aria-label='JSON webhook URL']").fill(url);
    await page.locator(".nudge-webhook", { hasText: "JSON webhook" }).getByRole("button", { name: "Save" }).click();
    await page.waitForSelector("[data-testid=webhook-jsonWebhookUrl]:has-text('…9f3k')");
    expect(await page.content()).not.toContain("super-secret");
    await runNudgeJob(dashboard.runtime.database, "demo", { allowedWebhookHosts: ["127.0.0.1"] });
    expect(receiver.accepted.size).toBeGreaterThan(0);
    await page.reload();
    await page.waitForSelector("[data-testid=nudge-delivery-log] tbody tr");
    await shot("nudges-delivery");
  });

  it("shows the team's nudges on its Team page", async () => {
    await open(`#/teams/${TEAM}`, "[data-testid=nudge-inbox] [data-testid=nudge]");
    await page.locator("[data-testid=nudge-inbox]").scrollIntoViewIfNeeded();
    await shot("team-page-nudges");
  });
});
