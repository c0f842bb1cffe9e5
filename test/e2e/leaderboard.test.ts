// The Leaderboard page in real Chromium on the demo company after one real sync: the ranking equals
// the API's, and a win recorded through the form appears with its measurement and status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { startDemoDashboard, type DemoDashboard } from "../support/demo-dashboard";

let demo: DemoDashboard;
beforeAll(async () => {
  demo = await startDemoDashboard("leaderboard");
}, 300_000);
afterAll(async () => demo?.close());

const api = async (path: string) => (await fetch(`${demo.server.url}${path}`)).json() as Promise<any>;

describe("Leaderboard page on the demo company", () => {
  it("shows the teams in the API's order with the API's scores", async () => {
    await demo.page.goto(`${demo.server.url}/#/leaderboard`);
    await demo.page.waitForSelector("[data-testid=leaderboard-table] tbody tr.leaderboard-row", { timeout: 30_000 });
    const board = await api("/api/leaderboard");
    const rows = await demo.page.locator("[data-testid=leaderboard-table] tr.leaderboard-row").evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute("data-team-id"), tr.querySelector("[data-field=score]")!.getAttribute("data-value")]),
    );
    expect(rows).toEqual(board.teams.map((t: { teamId: string; score: string | null }) => [t.teamId, t.score ?? ""]));
    await demo.page.screenshot({ path: join(demo.screenshots, "leaderboard.png"), fullPage: true });
  });

  it("records the Checkout rightsizing (shipped 2026-05-01) through the form; it shows the API's measurement", async () => {
    await demo.page.selectOption("[data-testid=win-teamId]", "checkout");
    await demo.page.fill("[data-testid=win-title]", "Rightsized the checkout fleet");
    await demo.page.fill("[data-testid=win-shippedOn]", "2026-05-01");
    await demo.page.fill("[data-testid=win-expectedMonthlySavingsUsd]", "1000");
    await demo.page.fill("[data-testid=win-actor]", "checkout-lead");
    await demo.page.click("[data-testid=win-submit]");
    await demo.page.waitForSelector("[data-testid=wins-table] tr.win-row", { timeout: 30_000 });
    const [win] = (await api("/api/wins")).wins;
    expect(win).toMatchObject({ teamId: "checkout", shippedOn: "2026-05-01", recordedBy: "checkout-lead" });
    const row = demo.page.locator(`tr.win-row[data-win-id="${win.id}"]`);
    expect(await row.locator("[data-field=realized]").getAttribute("data-value")).toBe(win.measurement.realizedMonthlySavings);
    expect(await row.locator("[data-testid=win-status]").innerText()).toContain(win.measurement.status === "verified" ? "Verified" : "Not verified");
    await demo.page.screenshot({ path: join(demo.screenshots, "leaderboard-win.png"), fullPage: true });
  });
});
