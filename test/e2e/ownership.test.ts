// The Ownership page, the rule editor and "Why is this on my team?" in real Chromium, against the API
// on the demo company after one real sync cycle. Expected numbers come from the API itself (fetched
// here): the page must show what the API says, and an applied rule must move what its preview said.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import Decimal from "decimal.js";
import type { Page } from "playwright-core";
import type { RunningServer } from "../../api/server";
import { startDemoDashboard, type DemoDashboard } from "../support/demo-dashboard";
import { addDays, usd } from "../support/demo-expectations";

const TEAM = "analytics"; // the team the UI maps an unclaimed tag value to
const ACTOR = "e2e-tester";

let dashboard: DemoDashboard;
let server: RunningServer;
let page: Page;
let lastCompleteDay: string;
beforeAll(async () => {
  dashboard = await startDemoDashboard("ownership");
  ({ server, page } = dashboard);
  lastCompleteDay = (await getJson<{ lastCompleteBillingDay: string }>("/api/job-runs")).lastCompleteBillingDay;
}, 300_000);

afterAll(() => dashboard?.close());

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function open(hash: string, ready: string) {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
  await page.waitForLoadState("networkidle");
}

const teamTotal = async (teamId: string, from: string, to: string) =>
  new Decimal((await getJson<{ total: string }>(`/api/teams/${teamId}?measure=amortized&from=${from}&to=${to}`)).total);

interface Summary {
  unattributedByAccount: { key: string; amount: string }[];
  unclaimedTagValues: { value: string; amount: string }[];
  byDay: { total: string; attributed: string }[];
}

describe("Ownership page on the demo company", () => {
  it("shows each account's unattributed dollars exactly as GET /api/ownership/summary gives them", async () => {
    await open("#/ownership", "[data-testid=unattributed-by-account-table] tbody tr");
    const from = await page.locator("input[aria-label=From]").inputValue();
    const to = await page.locator("input[aria-label=To]").inputValue();
    expect(to).toBe(lastCompleteDay);
    const summary = await getJson<Summary>(`/api/ownership/summary?measure=amortized&from=${from}&to=${to}`);
    expect(summary.unattributedByAccount.length).toBeGreaterThan(0);

    const shown = await page.locator("[data-testid=unattributed-by-account-table] tbody tr").evaluateAll((rows) =>
      rows.map((row) => ({ key: row.getAttribute("data-key"), amount: row.querySelector("[data-field=amount]")?.textContent })),
    );
    expect(shown).toEqual(summary.unattributedByAccount.map((row) => ({ key: row.key, amount: usd(new Decimal(row.amount)) })));

    // The period's split is the sum of the API's days.
    const total = summary.byDay.reduce((sum, day) => sum.plus(day.total), new Decimal(0));
    const attributed = summary.byDay.reduce((sum, day) => sum.plus(day.attributed), new Decimal(0));
    expect(await page.locator("[data-testid=attributed-totals] [data-field=attributed]").innerText()).toBe(usd(attributed));
    expect(await page.locator("[data-testid=attributed-totals] [data-field=unattributed]").innerText()).toBe(usd(total.minus(attributed)));
    expect(await page.locator("[data-testid=attributed-share-chart] svg .recharts-area-area").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=unclaimed-tags-table] tbody tr").count()).toBe(summary.unclaimedTagValues.length);
    await page.screenshot({ path: join(dashboard.screenshots, "ownership.png"), fullPage: true });
  });

  it(`maps an unclaimed tag value to ${TEAM}: the preview shows moves, and applying moves ${TEAM}'s total by the previewed delta`, async () => {
    await open("#/ownership", "[data-testid=unclaimed-tags-table] tbody tr");
    const firstTag = page.locator("[data-testid=unclaimed-tags-table] tbody tr").first();
    const tagValue = (await firstTag.getAttribute("data-value"))!;
    await firstTag.locator("[data-testid=map-tag-value]").click();

    const form = page.locator("[data-testid=rule-form]");
    expect(await form.locator("[data-testid=rule-kind]").inputValue()).toBe("tag");
    expect(await form.locator("[data-testid=rule-match]").inputValue()).toBe(tagValue);
    // Effective from the first of the month before the last billed one: days that are in the data.
    const effectiveFrom = `${addDays(`${lastCompleteDay.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
    await form.locator("[data-testid=rule-team]").selectOption(TEAM);
    await form.locator("[data-testid=rule-effective-from]").fill(effectiveFrom);
    await form.locator("[data-testid=rule-actor]").fill(ACTOR);
    const priority = Number(await form.locator("[data-testid=rule-priority]").inputValue());
    expect(await page.locator("[data-testid=apply-change]").isDisabled(), "apply waits for a preview").toBe(true);

    await page.locator("[data-testid=preview-change]").click();
    await page.waitForSelector("[data-testid=preview-moves-table] tbody tr", { timeout: 60_000 });
    const preview = page.locator("[data-testid=preview-moves]");
    const windowStart = (await preview.getAttribute("data-window-start"))!;
    const windowEnd = (await preview.getAttribute("data-window-end"))!;
    expect(windowStart).toBe(effectiveFrom);
    expect(windowEnd).toBe(lastCompleteDay);
    const moves = await page.locator("[data-testid=preview-moves-table] tbody tr").evaluateAll((rows) =>
      rows.map((row) => ({ teamId: row.getAttribute("data-team-id")!, delta: row.getAttribute("data-delta")!, shown: row.querySelector("[data-field=delta]")?.textContent })),
    );
    const gain = moves.find((move) => move.teamId === TEAM);
    expect(gain, `a move onto ${TEAM}`).toBeDefined();
    expect(new Decimal(gain!.delta).greaterThan(0)).toBe(true);
    expect(gain!.shown).toBe(`+${usd(new Decimal(gain!.delta))}`);
    // Dollars move, they are not made: what one team gains others lose.
    expect(moves.reduce((sum, move) => sum.plus(move.delta), new Decimal(0)).isZero()).toBe(true);
    await page.locator("[data-testid=rule-editor-card]").screenshot({ path: join(dashboard.screenshots, "rule-preview.png") });

    const before = await teamTotal(TEAM, windowStart, windowEnd);
    await page.locator("[data-testid=apply-change]").click();
    await page.waitForSelector("[data-testid=rule-applied]", { timeout: 120_000 });
    const after = await teamTotal(TEAM, windowStart, windowEnd);
    expect(after.minus(before).toString()).toBe(new Decimal(gain!.delta).toString());

    // The rule is listed (editable, from the API) and audited under the name given.
    const ruleRow = page.locator(`[data-testid=rules-table] tr[data-source=api]`, { hasText: tagValue });
    await ruleRow.waitFor({ timeout: 30_000 });
    expect(await ruleRow.innerText()).toContain(String(priority));
    expect(await ruleRow.locator("[data-testid=edit-rule]").count()).toBe(1);
    await page.locator("[data-testid=audit-table] tr[data-action='rule.create']").first().waitFor({ timeout: 30_000 });
    expect(await page.locator("[data-testid=audit-table] tr[data-action='rule.create']").first().innerText()).toContain(ACTOR);
    const rules = await getJson<{ rules: { match: string; teamId: string; source: string; validFrom: string }[] }>("/api/ownership/rules");
    expect(rules.rules.find((rule) => rule.source === "api" && rule.match === tagValue)).toMatchObject({ teamId: TEAM, validFrom: effectiveFrom });
    await page.screenshot({ path: join(dashboard.screenshots, "ownership-after-apply.png"), fullPage: true });

    // A second rule at the same priority is refused: the API's message shows by the form, on the field it names.
    await page.getByRole("button", { name: "Add another rule" }).click();
    await form.locator("[data-testid=rule-match]").fill("another-unclaimed-value");
    await form.locator("[data-testid=rule-team]").selectOption(TEAM);
    await form.locator("[data-testid=rule-priority]").fill(String(priority));
    await page.locator("[data-testid=preview-change]").click();
    await page.waitForSelector("[data-testid=rule-form-error]");
    expect(await page.locator("[data-testid=rule-form-error]").innerText()).toContain(`already has priority ${priority}`);
    expect(await page.locator(".field-invalid[data-field=priority]").count()).toBe(1);
    await page.locator("[data-testid=rule-editor-card]").screenshot({ path: join(dashboard.screenshots, "rule-error.png") });
  });

  it("Why: a service-day picked on a Team page explains itself with the rule kinds the API names", async () => {
    await open(`#/teams/${TEAM}?days=30`, "[data-testid=top-service-days-table] tbody tr");
    const row = page.locator("[data-testid=top-service-days-table] tbody tr").first();
    const day = (await row.getAttribute("data-day"))!;
    const service = (await row.getAttribute("data-service"))!;
    await row.click();
    await page.waitForSelector("[data-testid=why-drawer] [data-testid=why-chain] li", { timeout: 30_000 });
    expect(page.url()).toContain(`why=${day}`);
    const why = await getJson<{ decisions: { decidedBy: string }[] }>(`/api/why?teamId=${TEAM}&day=${day}&service=${encodeURIComponent(service)}`);
    const labels: Record<string, string> = { resource: "Resource pattern", tag: "Owner tag", service: "Service owner", account: "Account owner", split: "Shared cost split", unattributed: "No owner" };
    const steps = page.locator("[data-testid=why-drawer] [data-testid=why-chain] > li");
    expect(await steps.count()).toBe(why.decisions.length);
    for (const [index, decision] of why.decisions.entries()) {
      expect(await steps.nth(index).getAttribute("data-decided-by")).toBe(decision.decidedBy);
      expect(await steps.nth(index).innerText()).toContain(labels[decision.decidedBy]);
    }
    await page.screenshot({ path: join(dashboard.screenshots, "why-drawer.png") });
  });

  it("Why: a day after the new rule names it (Owner tag, its value, made in the dashboard)", async () => {
    const rules = await getJson<{ rules: { match: string; source: string; validFrom: string; teamId: string }[] }>("/api/ownership/rules");
    const rule = rules.rules.find((r) => r.source === "api" && r.teamId === TEAM)!;
    await open(`#/teams/${TEAM}?days=30&why=${lastCompleteDay}`, "[data-testid=why-drawer] [data-testid=why-chain] li");
    const step = page.locator(`[data-testid=why-drawer] [data-testid=why-chain] > li[data-decided-by=tag]`, { hasText: rule.match });
    await step.waitFor();
    const text = await step.innerText();
    expect(text).toContain("Owner tag");
    expect(text).toContain("Dashboard / API");
    expect(text).toContain(ACTOR);
    await page.locator("[data-testid=why-drawer]").screenshot({ path: join(dashboard.screenshots, "why-new-rule.png") });
  });

  it("Teams: the org roll-up's orgs add up to all spend, as GET /api/org gives them", async () => {
    await open("#/teams", "[data-testid=org-rollup-table] tbody tr");
    const org = await getJson<{ units: { id: string; kind: string; parentId: string | null; amount: string }[] }>("/api/org?measure=amortized");
    for (const unit of org.units.filter((u) => u.kind === "org")) {
      expect(await page.locator(`[data-testid=org-rollup-table] tr[data-unit-id="${unit.id}"] [data-field=amount]`).innerText()).toBe(usd(new Decimal(unit.amount)));
    }
    const roots = org.units.filter((u) => u.parentId === null).reduce((sum, u) => sum.plus(u.amount), new Decimal(0));
    expect(await page.locator("[data-testid=org-rollup-table] tfoot [data-field=total]").innerText()).toBe(usd(roots));
    await page.locator("[data-testid=org-rollup-card]").screenshot({ path: join(dashboard.screenshots, "org-rollup.png") });
  });

  it(`ends the dashboard rule from a day: the preview moves dollars off ${TEAM}, and the rule leaves the list in force`, async () => {
    await open("#/ownership", "[data-testid=rules-table] tr[data-source=api]");
    const row = page.locator("[data-testid=rules-table] tr[data-source=api]").first();
    const ruleId = await row.getAttribute("data-rule-id");
    await row.locator("[data-testid=end-rule]").click();
    const endFrom = `${lastCompleteDay.slice(0, 7)}-01`;
    await page.locator("[data-testid=rule-effective-from]").fill(endFrom);
    await page.locator("[data-testid=preview-change]").click();
    await page.waitForSelector("[data-testid=preview-moves-table] tbody tr", { timeout: 60_000 });
    const loss = await page.locator(`[data-testid=preview-moves-table] tr[data-team-id="${TEAM}"]`).getAttribute("data-delta");
    expect(new Decimal(loss!).isNegative()).toBe(true);
    await page.locator("[data-testid=apply-change]").click();
    await page.waitForSelector("[data-testid=rule-applied]", { timeout: 120_000 });
    await page.locator(`[data-testid=rules-table] tr[data-rule-id="${ruleId}"]`).waitFor({ state: "detached", timeout: 30_000 });
    expect(await page.locator("[data-testid=audit-table] tr[data-action='rule.delete']").count()).toBe(1);
  });
});
