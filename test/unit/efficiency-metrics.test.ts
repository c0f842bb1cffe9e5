// Per-engineer overhead, revenue share, inflections, the environment split, goals and metric cards.
import { describe, expect, it } from "vitest";
import { engineerOverhead, monthlyOverhead, vendorTooling } from "../../jobs/metrics/engineer-overhead";
import type { Vendor } from "../../db/queries/business-inputs";
import { detectInflections, quarterlyGrowth } from "../../jobs/metrics/growth-inflection";
import { revenueShares, revenueShareTrend } from "../../jobs/metrics/revenue-share";
import { environmentSplit } from "../../jobs/metrics/environment-split";
import { goalForPeriod, headlineUnitMetric, type Goal } from "../../db/domain/metric-goals";
import { metricCard } from "../../jobs/metrics/metric-card";

const vendor = (name: string, cost: string, production: boolean, teamId = "dx", startDate = "2025-01-01", endDate: string | null = null): Vendor => ({
  name, monthlyCostUsd: cost, category: "tools", teamId, renewalDate: "2027-01-01", production, startDate, endDate,
});
const goal = (metricKey: string, appliesFrom: string, targetValue: string, unitN = 1, teamId: string | null = null): Goal => ({ metricKey, appliesFrom, targetValue, unitN, teamId });

describe("engineerOverhead", () => {
  it.each([
    // non-production, vendors, engineers, overhead, per engineer
    ["1000", "500", 3, "1500", "500"],
    ["0", "0", 10, "0", "0"],
    ["1000", "0", 0, "1000", null], // no engineers: no value
    ["1000", "0", null, "1000", null], // headcount unknown
    ["1", "0", 3, "1", "0.333333"],
  ] as const)("(%s + %s) / %s engineers", (nonProductionCost, tooling, engineers, overhead, perEngineer) => {
    expect(engineerOverhead({ month: "2026-01", nonProductionCost, vendorTooling: tooling, engineers })).toMatchObject({ overhead, perEngineer });
  });

  it("counts only non-production vendors as tooling, optionally one team's", () => {
    const vendors = [vendor("ci", "100.10", false), vendor("apm", "900", true), vendor("lint", "0.90", false, "web")];
    expect(vendorTooling(vendors, "2026-01")).toBe("101");
    expect(vendorTooling(vendors, "2026-01", "web")).toBe("0.9");
    expect(vendorTooling([], "2026-01", "web")).toBe("0");
  });

  it.each([
    // month, tooling: CI $3,100 a month for 2025, renewed at $6,200 from 2026-01-01 (open); a linter from mid-March 2026 to the end of April
    ["2025-06", "3100"], // before today's contracts: the old price, no linter
    ["2025-12", "3100"],
    ["2026-01", "6200"], // the renewal supersedes the old contract from its start
    ["2026-03", "6406.45"], // linter 2026-03-16..31: 16 of 31 days of $400, to the cent (206.45)
    ["2026-04", "6600"],
    ["2026-05", "6200"], // the linter ended on 2026-04-30
    ["2024-12", "0"], // before any contract
  ])("counts in %s only the contracts in force that month (%s)", (month, tooling) => {
    const vendors = [
      vendor("ci", "3100", false, "dx", "2025-01-01", "2026-06-30"), // its end is cut short by the renewal below
      vendor("ci", "6200", false, "dx", "2026-01-01"),
      vendor("lint", "400", false, "dx", "2026-03-16", "2026-04-30"),
    ];
    expect(vendorTooling(vendors, month)).toBe(tooling);
    expect(monthlyOverhead([month], [], [{ month, teamId: "dx", engineers: 2 }], vendors)[0]!.vendorTooling).toBe(tooling);
  });

  it("adds development and data spend (not production or shared) per month and divides by that month's engineers", () => {
    const costs = [
      { month: "2026-01", teamId: "a", environment: "development", amount: "100" },
      { month: "2026-01", teamId: "b", environment: "data", amount: "50" },
      { month: "2026-01", teamId: "a", environment: "production", amount: "1000" },
      { month: "2026-01", teamId: "a", environment: "shared", amount: "70" },
      { month: "2026-01", teamId: "a", environment: null, amount: "30" },
      { month: "2026-02", teamId: "a", environment: "development", amount: "10" },
    ];
    const heads = [
      { month: "2026-01", teamId: "a", engineers: 2 },
      { month: "2026-01", teamId: "b", engineers: 1 },
    ];
    const points = monthlyOverhead(["2026-01", "2026-02"], costs, heads, [vendor("ci", "30", false, "a")]);
    expect(points.map((p) => [p.month, p.overhead, p.engineers, p.perEngineer])).toEqual([
      ["2026-01", "180", 3, "60"],
      ["2026-02", "40", null, null],
    ]);
    expect(monthlyOverhead(["2026-01"], costs, heads, [], "a")[0]).toMatchObject({ overhead: "100", engineers: 2, perEngineer: "50" });
  });
});

describe("quarterly growth and inflections", () => {
  const series = (amounts: (string | null)[]) => amounts.map((amount, i) => ({ month: `2026-${String(i + 1).padStart(2, "0")}`, amount }));

  it("counts whole quarters back from the last month", () => {
    const quarters = quarterlyGrowth(series(["1", "100", "100", "100", "110", "110", "110"]));
    expect(quarters).toEqual([
      { start: "2026-02", end: "2026-04", total: "300", growth: null },
      { start: "2026-05", end: "2026-07", total: "330", growth: "0.1" },
    ]);
  });

  it.each([
    ["steady 10% growth: no inflection", ["100", "100", "100", "110", "110", "110", "121", "121", "121"], []],
    ["growth jumps from 10% to 30%: accelerating", ["100", "100", "100", "110", "110", "110", "143", "143", "143"], [{ month: "2026-07", growthBefore: "0.1", growthAfter: "0.3", direction: "accelerating" }]],
    ["growth falls from 20% to 0%: decelerating", ["100", "100", "100", "120", "120", "120", "120", "120", "120"], [{ month: "2026-07", growthBefore: "0.2", growthAfter: "0", direction: "decelerating" }]],
    ["a change under 5 points is not an inflection", ["100", "100", "100", "110", "110", "110", "125", "125", "125"], []],
    ["a zero quarter has no growth, so no inflection", ["0", "0", "0", "10", "10", "10", "20", "20", "20"], []],
    ["too short", ["100", "100"], []],
  ] as const)("%s", (_name, amounts, expected) => {
    expect(detectInflections(series([...amounts]))).toEqual(expected);
  });
});

describe("revenue share", () => {
  it("is cost / revenue, absent without revenue or with zero revenue", () => {
    expect(revenueShares([
      { month: "2026-01", revenue: "1000", infraCost: "85" },
      { month: "2026-02", revenue: "0", infraCost: "85" },
      { month: "2026-03", revenue: null, infraCost: "85" },
    ]).map((m) => m.share)).toEqual(["0.085", null, null]);
  });

  it.each([
    ["rising", ["100", "100", "100", "100", "100", "100"], ["8", "8", "8", "9", "9", "9"], true],
    ["falling", ["100", "100", "100", "100", "100", "100"], ["9", "9", "9", "8", "8", "8"], false],
    ["flat within 0.1 point", ["1000", "1000", "1000", "1000", "1000", "1000"], ["80", "80", "80", "80.5", "80.5", "80.5"], false],
    ["one quarter only", ["100", "100", "100"], ["8", "8", "8"], null],
  ] as const)("share trend: %s", (_name, revenue, cost, rising) => {
    const months = revenue.map((r, i) => ({ month: `2026-0${i + 1}`, revenue: r, infraCost: cost[i]! }));
    expect(revenueShareTrend(months).rising).toBe(rising);
  });
});

describe("environment split", () => {
  const goals = [goal("environment.production", "2026-01-01", "150", 1, "platform"), goal("environment.data", "2026-01-01", "10", 1, "data-platform")];
  it("has every environment, unknown for spend without one, shares of the total and goal status", () => {
    const rows = environmentSplit("2026-02", [
      { environment: "production", amount: "100" },
      { environment: "data", amount: "60" },
      { environment: null, amount: "40" },
    ], goals);
    expect(rows.map((r) => [r.environment, r.amount, r.share, r.status, r.goal?.teamId ?? null])).toEqual([
      ["production", "100", "0.5", "on_target", "platform"],
      ["development", "0", "0", "no_goal", null],
      ["data", "60", "0.3", "over_target", "data-platform"],
      ["shared", "0", "0", "no_goal", null],
      ["unknown", "40", "0.2", "no_goal", null],
    ]);
  });
  it("has no shares (not NaN) when nothing was spent", () => {
    expect(environmentSplit("2026-02", [], []).every((r) => r.share === null)).toBe(true);
  });
});

describe("goals and metric cards", () => {
  const goals = [goal("unit_cost.searches", "2025-10-01", "2.00", 10_000), goal("unit_cost.searches", "2026-07-15", "1.50", 10_000), goal("engineer_overhead", "2026-01-01", "1000")];

  it.each([
    ["2025-09", null],
    ["2025-10", "2.00"],
    ["2026-06", "2.00"],
    ["2026-07", "1.50"], // in force on the month's last day
    ["2026-07-14", "2.00"],
    ["2026-07-15", "1.50"],
  ])("the unit-cost goal for %s is %s", (period, target) => {
    expect(goalForPeriod(goals, "unit_cost.searches", period)?.targetValue ?? null).toBe(target);
  });

  it("takes the headline metric from the unit-cost goals", () => {
    expect(headlineUnitMetric(goals)).toBe("searches");
    expect(headlineUnitMetric([])).toBeNull();
  });

  const trend = [
    { period: "2026-06", value: "2.10" },
    { period: "2026-07", value: "1.80" },
    { period: "2026-08", value: null },
  ];
  it("is well-formed: value, goal (rescaled to the card's N), change vs the period before", () => {
    const card = metricCard({ key: "unit_cost", label: "x", unitLabel: "per 1,000 searches", goalKey: "unit_cost.searches", trend, period: "2026-07", goals, unitN: 1000 });
    expect(card).toMatchObject({ period: "2026-07", value: "1.80", goal: { targetValue: "0.15", unitN: 1000 }, status: "over_target", previous: { period: "2026-06", value: "2.10" } });
    expect(card.change).toEqual({ amount: "-0.3", ratio: "-0.142857" });
    expect(card.trend).toHaveLength(2);
  });
  it("has no change and no status when the value is missing", () => {
    const card = metricCard({ key: "unit_cost", label: "x", unitLabel: "", goalKey: "unit_cost.searches", trend, period: "2026-08", goals });
    expect(card).toMatchObject({ value: null, change: null, versusGoal: null, status: "no_value" });
  });
  it("has a change ratio of null when the previous value was zero", () => {
    const card = metricCard({ key: "k", label: "x", unitLabel: "", goalKey: "none", trend: [{ period: "a", value: "0" }, { period: "b", value: "5" }], period: "b", goals: [] });
    expect(card).toMatchObject({ status: "no_goal", change: { amount: "5", ratio: null } });
  });
});
