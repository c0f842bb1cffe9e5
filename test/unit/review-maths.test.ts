// The business review's pure parts: scope and period parsing, a metric's status and change, movers
// with their share of the change, and a summary that follows the numbers.
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { billedSpan, parsePeriod, parseScope, previousPeriod, trailingPeriods } from "../../db/domain/review-period";
import { metricStatus, reviewMetric } from "../../jobs/reviews/review-metric";
import { rankMovers } from "../../jobs/reviews/review-movers";
import { teamsUnder } from "../../jobs/reviews/review-scope";
import { summarise } from "../../jobs/reviews/review-summary";
import { compareWithLive } from "../../jobs/reviews/review-restatement";
import { sampleReview } from "../support/sample-review";
import { ADHERENCE_GOAL, budgetStatus } from "../../jobs/reviews/spend-metrics";

describe("parsePeriod", () => {
  it.each([
    ["2026-10", "month", ["2026-10"], "2026-10-01", "2026-10-31", "2026-09"],
    ["2026-01", "month", ["2026-01"], "2026-01-01", "2026-01-31", "2025-12"],
    ["2026-Q3", "quarter", ["2026-07", "2026-08", "2026-09"], "2026-07-01", "2026-09-30", "2026-Q2"],
    ["2026-Q1", "quarter", ["2026-01", "2026-02", "2026-03"], "2026-01-01", "2026-03-31", "2025-Q4"],
    ["2024-02", "month", ["2024-02"], "2024-02-01", "2024-02-29", "2024-01"],
  ])("%s is a %s over %j (%s..%s), after %s", (text, kind, months, from, to, previous) => {
    const period = parsePeriod(text);
    expect(period).toEqual({ label: text, kind, months, from, to });
    expect(previousPeriod(period).label).toBe(previous);
  });

  it.each(["2026-13", "2026-Q5", "2026-10-01", "Q3", ""])("rejects %j naming the field", (text) => {
    expect(() => parsePeriod(text)).toThrow(/^period: /);
  });

  it("trailing periods end with the period, oldest first", () => {
    expect(trailingPeriods(parsePeriod("2026-Q1"), 3).map((p) => p.label)).toEqual(["2025-Q3", "2025-Q4", "2026-Q1"]);
  });

  it.each([
    ["2026-10", "2026-11-20", { from: "2026-10-01", to: "2026-10-31", complete: true }],
    ["2026-11", "2026-11-20", { from: "2026-11-01", to: "2026-11-20", complete: false }],
    ["2026-12", "2026-11-20", null],
    ["2026-10", null, null],
  ])("billed span of %s with the last complete day %s", (text, last, expected) => {
    expect(billedSpan(parsePeriod(text), last)).toEqual(expected);
  });
});

describe("parseScope", () => {
  it.each([
    ["company", { kind: "company", id: null }],
    ["team:search", { kind: "team", id: "search" }],
    ["group:core-platform", { kind: "group", id: "core-platform" }],
    ["org:product-engineering", { kind: "org", id: "product-engineering" }],
  ])("%s", (text, expected) => expect(parseScope(text)).toEqual(expected));

  it.each(["team:", "squad:x", "team:a b", "Company"])("rejects %j", (text) => expect(() => parseScope(text)).toThrow(/^scope: /));

  it("an org's teams are the teams of its groups", () => {
    const edge = (childId: string, parentId: string) => ({ childId, parentId, parentName: parentId, parentKind: "group" as const });
    const edges = [edge("a", "g1"), edge("b", "g1"), edge("c", "g2"), edge("g1", "o"), edge("g2", "o"), edge("d", "g3")];
    expect(teamsUnder("o", edges, new Set(["a", "b", "c", "d"]))).toEqual(["a", "b", "c"]);
    expect(teamsUnder("g3", edges, new Set(["a", "b", "c", "d"]))).toEqual(["d"]);
  });
});

describe("metric status", () => {
  it.each([
    ["110", "100", "lower_is_better", "off_target"],
    ["100", "100", "lower_is_better", "on_target"],
    ["90", "100", "higher_is_better", "off_target"],
    ["0.96", "0.95", "higher_is_better", "on_target"],
    ["1", null, "lower_is_better", "no_goal"],
    [null, "1", "lower_is_better", "no_value"],
  ] as const)("%s against %s (%s) is %s", (value, goal, direction, status) => expect(metricStatus(value, goal, direction)).toBe(status));

  it("value is the last point, change against the one before; a zero base has no ratio", () => {
    const base = { key: "spend" as const, label: "Spend", unitLabel: "", format: "usd" as const, direction: "lower_is_better" as const, goal: null, source: "", note: null };
    expect(reviewMetric({ ...base, trend: [{ period: "a", value: "100" }, { period: "b", value: "150" }] })).toMatchObject({ value: "150", change: { amount: "50", ratio: "0.5" } });
    expect(reviewMetric({ ...base, trend: [{ period: "a", value: "0" }, { period: "b", value: "10" }] }).change).toEqual({ amount: "10", ratio: null });
    expect(reviewMetric({ ...base, trend: [{ period: "a", value: null }, { period: "b", value: "10" }] }).change).toBeNull();
  });
});

describe("spend against budget: one rule with budget adherence and the budget review (forecast more than 2% over budget)", () => {
  it.each([
    // spend, budget, month-end forecast, status of both spend and adherence
    ["101", "100", "101", "on_target"], // 1% over: within the rule, as adherence says (was spend "off target" beside adherence "on target")
    ["95", "100", "103", "off_target"], // under budget so far, but the forecast is 3% over
    ["102", "100", "102", "on_target"], // exactly at the threshold is within
    ["103", "100", null, "off_target"], // no forecast: the spend stands in for it
    ["1", "0", "1", "off_target"], // any spend over a zero budget
    ["50", null, "50", "no_goal"],
  ] as const)("spend %s, budget %s, forecast %s: %s", (spend, budget, forecast, status) => {
    const point = { period: "2026-10", budget, forecast, adherence: null };
    expect(budgetStatus(point, spend)).toBe(status);
    if (forecast !== null) expect(budgetStatus(point)).toBe(status);
    // Where adherence has a ratio, the adherence metric's own goal says the same.
    if (forecast !== null && budget !== null && budget !== "0") expect(metricStatus(new Decimal(forecast).div(budget).toString(), ADHERENCE_GOAL, "lower_is_better")).toBe(status);
  });
});

describe("rankMovers", () => {
  it("largest absolute change first, each with its share of the total change; unchanged rows left out", () => {
    const rows = [
      { key: "ec2", name: "EC2", current: "300", previous: "100" },
      { key: "s3", name: "S3", current: "50", previous: "100" },
      { key: "rds", name: "RDS", current: "10", previous: "10" },
    ];
    expect(rankMovers(rows)).toEqual({
      total: "150.00",
      movers: [
        { key: "ec2", name: "EC2", current: "300.00", previous: "100.00", changeUsd: "200.00", shareOfChange: "1.333333" },
        { key: "s3", name: "S3", current: "50.00", previous: "100.00", changeUsd: "-50.00", shareOfChange: "-0.333333" },
      ],
    });
  });

  it("a zero total change leaves the shares absent, never Infinity", () => {
    const { movers } = rankMovers([{ key: "a", name: "A", current: "10", previous: "0" }, { key: "b", name: "B", current: "0", previous: "10" }]);
    expect(movers.map((m) => m.shareOfChange)).toEqual([null, null]);
  });
});

describe("summary", () => {
  const metric = (key: "spend" | "unit_cost", value: string, goal: string | null, previous: string) =>
    reviewMetric({ key, label: key === "spend" ? "Spend" : "Cost per 10,000 searches", unitLabel: "", format: "usd", direction: "lower_is_better", goal: goal ? { value: goal, source: "goals" } : null, source: "", note: null, trend: [{ period: "2026-09", value: previous }, { period: "2026-10", value }] });
  const doc = (metrics: ReturnType<typeof metric>[], stake = "0.00") => ({
    metrics,
    scope: { kind: "team" as const, id: "search", name: "Search", teamIds: ["search"] },
    period: { ...parsePeriod("2026-10"), complete: true, billedThrough: "2026-10-31", previous: "2026-09" },
    movers: { comparedWith: null, totalChangeUsd: "1000.00", services: [{ key: "ec2", name: "EC2", current: "1600.00", previous: "1000.00", changeUsd: "600.00", shareOfChange: "0.6" }], accounts: [] },
    nudges: { open: [], monthlyAtStake: stake },
    wins: { verified: [], realizedMonthlySavings: "0.00" },
    commitments: { status: "no_data" as const, note: "" },
  });

  it("says what changed, from the numbers", () => {
    const { changed } = summarise(doc([metric("spend", "21000", "22000", "20000")]));
    expect(changed).toEqual(["Search spent $21,000 in 2026-10, +$1,000 (+5.0%) against 2026-09.", "EC2 rose by $600, 60.0% of the change."]);
  });

  it("puts a metric off its goal, spend over budget and money at stake under risk", () => {
    const { atRisk } = summarise(doc([metric("spend", "23000", "22000", "20000"), metric("unit_cost", "180", "170", "175")], "2520.72"));
    expect(atRisk).toEqual(["Cost per 10,000 searches is $180 against a goal of $170.", "Spend is over the budget of $22,000.", "0 open nudge(s) put $2,521 a month at stake."]);
  });
});

describe("restatement note", () => {
  const withSpend = (value: string, complete = true, lastDay = "2026-11-20") => {
    const doc = sampleReview();
    const spend = doc.metrics[0]!;
    return { ...doc, lastCompleteBillingDay: lastDay, period: { ...doc.period, complete }, metrics: [{ ...spend, trend: [...spend.trend.slice(0, -1), { period: "2026-08", value }] }, ...doc.metrics.slice(1)] };
  };

  it("nothing differs: no note", () => {
    expect(compareWithLive(withSpend("100"), withSpend("100.00"))).toEqual({ restated: false, figures: [], summary: null });
  });

  it("a restated point is listed with both values and the difference", () => {
    const note = compareWithLive(withSpend("100"), withSpend("130.5"));
    expect(note.figures).toEqual([{ what: "Spend, 2026-08", saved: "100", now: "130.5", difference: "30.5", text: "Spend, 2026-08: $100 when saved, $131 now" }]);
    expect(note.summary).toBe("Restated since saved: 1 figure(s) differ, Spend, 2026-08: $100 when saved, $131 now.");
  });

  it("an open period billed further says so rather than calling it a restatement", () => {
    expect(compareWithLive(withSpend("100", false, "2026-11-10"), withSpend("130", false, "2026-11-20")).summary).toMatch(/^Billed through 2026-11-20 since saved/);
  });
});
