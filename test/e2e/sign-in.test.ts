// The main flows signed in (AUTH_MODE=local) in Chromium, one browser context per person: sign-in,
// overview -> team -> why this dollar, budget review, nudge acknowledge / snooze, an import of a bad
// file, and what each role is shown and allowed. Also: the dashboard runs under its CSP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { runNudgeJob } from "../../jobs/nudges/nudge-job";
import { addUser, PASSWORD } from "../support/access-harness";
import { startDemoDashboard, type DemoDashboard } from "../support/demo-dashboard";

const TEAM = "data-platform";
let demo: DemoDashboard;
const contexts: BrowserContext[] = [];
const cspViolations: string[] = [];

async function signedIn(email: string, password = PASSWORD): Promise<Page> {
  const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, reducedMotion: "reduce" });
  contexts.push(context);
  const page = await context.newPage();
  page.on("console", (message) => message.text().includes("Content Security Policy") && cspViolations.push(message.text()));
  await page.goto(demo.server.url);
  await page.fill("[data-testid=sign-in-email]", email);
  await page.fill("[data-testid=sign-in-password]", password);
  await page.click("[data-testid=sign-in-form] button[type=submit]");
  return page;
}

const open = async (page: Page, hash: string, ready: string) => {
  await page.goto(`${demo.server.url}/#${hash}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
};

beforeAll(async () => {
  demo = await startDemoDashboard("sign-in", { AUTH_MODE: "local" });
  const run = await runNudgeJob(demo.runtime.database, "demo");
  expect(run?.status).toBe("succeeded");
  await addUser(demo.runtime.database, "ana@lumen.test", "admin");
  await addUser(demo.runtime.database, "vic@lumen.test", "viewer");
  await addUser(demo.runtime.database, "eli@lumen.test", "editor", TEAM);
}, 300_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await demo?.close();
});

describe("signed in (AUTH_MODE=local)", () => {
  it("asks for a password, says when it is wrong, then opens overview -> team -> why this dollar", async () => {
    const page = await signedIn("ana@lumen.test", "not the password");
    expect(await page.locator("[data-testid=sign-in-form] [role=alert]").innerText()).toContain("wrong email or password");
    await page.fill("[data-testid=sign-in-password]", PASSWORD);
    await page.click("[data-testid=sign-in-form] button[type=submit]");
    await page.waitForSelector("[data-testid=monthly-spend-chart]");
    expect(await page.locator("[data-testid=session-foot]").innerText()).toContain("ana@lumen.test");
    expect(await page.locator("[data-testid=open-mode-banner]").count()).toBe(0);
    await page.getByRole("link", { name: "Teams" }).click();
    await page.locator('[data-testid=teams-table] tr[data-team-id="checkout"] a').click();
    await page.waitForSelector("[data-testid=team-header]");
    await open(page, "/why?teamId=checkout&day=2026-10-15", "[data-testid=why-chain] li");
    expect(await page.locator("[data-testid=why-title]").innerText()).toContain("Checkout");
    await page.screenshot({ path: join(demo.screenshots, "signed-in-why.png"), fullPage: true });
  });

  it("a team editor acknowledges and snoozes its team's nudges and edits only its own budget", async () => {
    const page = await signedIn("eli@lumen.test");
    await page.waitForSelector("[data-testid=monthly-spend-chart]");
    await open(page, `/nudges?team=${TEAM}`, "[data-testid=nudge]");
    await page.locator("[data-testid=nudge]").nth(0).getByRole("button", { name: "Acknowledge" }).click();
    await page.locator("[data-testid=nudge][data-status=acknowledged]").first().waitFor();
    await page.locator("[data-testid=nudge]").nth(1).getByRole("button", { name: "Snooze…" }).click();
    await page.locator("[data-testid=nudge]").nth(1).getByRole("button", { name: "a week" }).click();
    await page.locator("[data-testid=nudge][data-status=snoozed]").first().waitFor();
    expect(await page.locator("[data-testid=nudge-delivery] input[aria-label='JSON webhook URL']").count()).toBe(0); // settings are admins'

    await open(page, "/nudges", "[data-testid=nudge]");
    const others = page.locator(`[data-testid=nudge]:not([data-team-id="${TEAM}"])`);
    if ((await others.count()) > 0) expect(await others.first().locator("[data-testid=nudge-actions]").count()).toBe(0);

    await open(page, "/budget-review?month=2026-10", "[data-testid=budget-review-table] tbody tr.budget-row");
    await page.locator(`tr[data-team-id="${TEAM}"] .budget-expand`).click();
    await page.fill("[data-testid=budget-edit-amount]", "12345.00");
    await page.locator("[data-testid=budget-edit-form] button[type=submit]").click();
    await page.waitForSelector("[data-testid=budget-audit-table] tr td");
    expect(await page.locator("[data-testid=budget-audit-table]").innerText()).toContain("eli@lumen.test");
    await page.locator(`tr[data-team-id="${TEAM}"] .budget-expand`).click();
    await page.locator('tr[data-team-id="checkout"] .budget-expand').click();
    await page.waitForSelector("[data-testid=budget-services] tr");
    expect(await page.locator("[data-testid=budget-edit-form]").count()).toBe(0);
  });

  it("a viewer sees no editor, no Access page, and the server refuses a change it sends anyway", async () => {
    const page = await signedIn("vic@lumen.test");
    await page.waitForSelector("[data-testid=monthly-spend-chart]");
    expect(await page.getByRole("link", { name: "Access" }).count()).toBe(0);
    await open(page, "/ownership", "[data-testid=audit-card]");
    expect(await page.locator("[data-testid=rule-actor], [data-testid=edit-rule]").count()).toBe(0);
    await open(page, "/sync", "[data-testid=job-runs-card], .card");
    expect(await page.locator("[data-testid=import-upload]").count()).toBe(0);
    const status = await page.evaluate(async () => {
      const me = await (await fetch("/api/me")).json();
      const response = await fetch("/api/budgets/months/2026-10/teams/checkout", { method: "PUT", headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken }, body: JSON.stringify({ budgetUsd: "1.00" }) });
      return response.status;
    });
    expect(status).toBe(403);
  });

  it("an admin's import of a bad file is refused with the line, and the audit page lists and exports the changes", async () => {
    const page = await signedIn("ana@lumen.test");
    await page.waitForSelector("[data-testid=monthly-spend-chart]");
    await open(page, "/sync", "[data-testid=import-upload]");
    await page.setInputFiles("[data-testid=import-file]", { name: "bad-focus.csv", mimeType: "text/csv", buffer: Buffer.from("BilledCost,ChargePeriodStart,SubAccountId\nten,2026-10-01T00:00:00Z,111111111111\n") });
    await page.click("[data-testid=import-submit]");
    const error = await page.locator("[data-testid=import-error]").innerText();
    expect(error).toMatch(/bad-focus\.csv/);
    await open(page, "/audit", "[data-testid=audit-trail-table] tr[data-action]");
    expect(await page.locator("[data-testid=audit-trail-table]").innerText()).toContain("eli@lumen.test");
    const download = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=audit-export]")]).then(([d]) => d);
    expect(download.suggestedFilename()).toBe("audit.csv");
    await page.screenshot({ path: join(demo.screenshots, "audit-page.png"), fullPage: true });
    expect(cspViolations).toEqual([]);
  });
});
