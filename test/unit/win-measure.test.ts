// Win measurement on crafted daily series: 28 days before vs 28 days from shipping, weekday-aligned,
// "measuring" until 28 after-days are billed, per-operation when volumes exist, monthly charges spread.
import { describe, expect, it } from "vitest";
import { daysBetween } from "../../db/calendar";
import { dailyCost, measureWin, winWindows } from "../../jobs/leaderboards/win-measure";

const SHIPPED = "2026-05-01";
/** $100/day before shipping, $70/day from it (Usage only). */
const costs = daysBetween("2026-04-01", "2026-05-31").map((day) => ({ day, recordType: "Usage", amount: day < SHIPPED ? "100" : "70" }));

describe("windows", () => {
  it("before = the 28 days to the day before shipping, after = 28 days from shipping; same weekdays", () => {
    const w = winWindows(SHIPPED);
    expect(w).toEqual({ before: { from: "2026-04-03", to: "2026-04-30" }, after: { from: "2026-05-01", to: "2026-05-28" } });
    expect(new Date(`${w.before.from}T00:00:00Z`).getUTCDay()).toBe(new Date(`${w.after.from}T00:00:00Z`).getUTCDay());
  });
});

describe("measureWin", () => {
  it.each([
    ["no billing yet", null, 0],
    ["before shipping", "2026-04-20", 0],
    ["27 days billed", "2026-05-27", 27],
  ])("%s: measuring (%s)", (_label, last, days) => {
    const m = measureWin({ shippedOn: SHIPPED, expectedMonthlySavings: "900", lastCompleteDay: last, costs, operations: null });
    expect(m).toMatchObject({ status: "measuring", daysMeasured: days, realizedMonthlySavings: null });
  });

  it.each([
    ["expected 900: realized 913.13 -> verified", "900", "verified", "913.13"],
    ["expected 1826: exactly 50% realized -> verified", "1826.26", "verified", "913.13"],
    ["expected 2000: under 50% -> not verified", "2000", "not-verified", "913.13"],
  ])("%s", (_label, expected, status, realized) => {
    // 28 x $30 saved = $840 per 28 days = 840 x 30.4375 / 28 = $913.125 a month
    const m = measureWin({ shippedOn: SHIPPED, expectedMonthlySavings: expected, lastCompleteDay: "2026-05-28", costs, operations: null });
    expect(m).toMatchObject({ status, daysMeasured: 28, costBefore: "2800", costAfter: "1960", normalised: false, realizedMonthlySavings: realized });
  });

  it("normalised by volume: spend fell only because volume fell -> no saving, not verified", () => {
    const m = measureWin({ shippedOn: SHIPPED, expectedMonthlySavings: "900", lastCompleteDay: "2026-06-30", costs, operations: { before: "1000000", after: "700000" } });
    expect(m).toMatchObject({ normalised: true, realizedMonthlySavings: "0.00", status: "not-verified" });
  });

  it("normalised by volume: volume grew 10% while spend stayed flat -> the avoided cost counts", () => {
    const flat = daysBetween("2026-04-01", "2026-05-31").map((day) => ({ day, recordType: "Usage", amount: "100" }));
    const m = measureWin({ shippedOn: SHIPPED, expectedMonthlySavings: "500", lastCompleteDay: "2026-06-30", costs: flat, operations: { before: "1000000", after: "1100000" } });
    // 2800 x 1.1 - 2800 = 280 per 28 days -> 304.375 a month
    expect(m).toMatchObject({ realizedMonthlySavings: "304.38", realizedShare: "0.6088", status: "verified" });
  });

  it("zero cost before and after: no saving and no NaN", () => {
    const m = measureWin({ shippedOn: SHIPPED, expectedMonthlySavings: "100", lastCompleteDay: "2026-06-30", costs: [], operations: { before: "0", after: "0" } });
    expect(m).toMatchObject({ realizedMonthlySavings: "0.00", realizedShare: "0", status: "not-verified", normalised: false });
  });
});

describe("dailyCost", () => {
  it("spreads a month's 1st-of-month charges (tax, RI fee) over its days; usage stays on its day", () => {
    const byDay = dailyCost([
      { day: "2026-04-01", recordType: "Tax", amount: "300" },
      { day: "2026-04-01", recordType: "Recurring reservation fee", amount: "30" },
      { day: "2026-04-02", recordType: "Usage", amount: "5" },
    ]);
    expect(byDay.get("2026-04-01")!.toString()).toBe("11");
    expect(byDay.get("2026-04-02")!.toString()).toBe("16");
    expect(byDay.get("2026-04-30")!.toString()).toBe("11");
  });
});
