// Each nudge rule on crafted inputs: it fires past both of its thresholds, stays quiet otherwise,
// and says what is at stake per month.
import { describe, expect, it } from "vitest";
import { addDays } from "../../db/calendar";
import type { DailySeries } from "../../jobs/nudges/anomalies";
import type { NudgeInputs } from "../../jobs/nudges/finding";
import { anomalyRule } from "../../jobs/nudges/rules/anomaly";
import { acceleratingSpendRule } from "../../jobs/nudges/rules/accelerating-spend";
import { forecastOverBudgetRule } from "../../jobs/nudges/rules/forecast-over-budget";
import { forecastMonth } from "../../jobs/budgets/forecast";
import { untaggedSpendRule } from "../../jobs/nudges/rules/untagged-spend";
import { idleResourcesRule } from "../../jobs/nudges/rules/idle-resources";
import { lowCoverageRule } from "../../jobs/nudges/rules/low-coverage";
import { detectAnomalies } from "../../jobs/nudges/anomalies";

const TODAY = "2026-08-16";
const FIRST = addDays(TODAY, -69);
function daily(teamId: string, amount: (daysAgo: number) => number, service: string | null = null): DailySeries {
  const amounts = new Map<string, string>();
  for (let ago = 0; ago < 70; ago++) amounts.set(addDays(TODAY, -ago), amount(ago).toFixed(2));
  return { teamId, service, amounts };
}
function inputs(overrides: Partial<NudgeInputs>): NudgeInputs {
  return {
    today: TODAY, firstDay: FIRST, teamNames: new Map(), accountNames: new Map([["111122223333", "lumen-data"]]),
    teamDaily: [], teamTotalDaily: [], teamServiceDaily: [], anomalies: [], anomalyCauses: new Map(),
    budgets: [], untagged: [], resources: [], coverage: [], coveredUsageRate: "0.72", commitmentExpiries: [],
    clusters: { from: addDays(TODAY, -13), idle: [], unownedNamespaces: [], podUsage: [] }, ...overrides,
  };
}

describe("anomaly rule", () => {
  const athena = daily("analytics", (ago) => (ago <= 6 ? 650 : 100), "Amazon Athena");
  const team = daily("analytics", (ago) => (ago <= 6 ? 1650 : 1100));
  const anomalies = detectAnomalies([athena, team], { from: addDays(TODAY, -6), to: TODAY, firstDay: FIRST });
  const causes = new Map([[`analytics|Amazon Athena|${anomalies[0]!.day}`, { accounts: [{ key: "111122223333", actual: "650.00", baseline: "100.00", excess: "550.00" }], usageTypes: [{ key: "USE1-DataScannedInTB", actual: "640.00", baseline: "95.00", excess: "545.00" }], resources: [] }]]);
  const findings = anomalyRule(inputs({ anomalies, anomalyCauses: causes }));

  it("raises one nudge per team x service, naming the service, account and usage type, and not the team total it explains", () => {
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "anomaly", teamId: "analytics", subject: "Amazon Athena" });
    expect(findings[0]!.action).toContain("account lumen-data");
    expect(findings[0]!.action).toContain("usage type USE1-DataScannedInTB");
    expect(findings[0]!.title).toContain("6.5x its usual");
  });
  it("puts 7 days x $550 excess at $16,500/month (the window's excess as a monthly rate)", () => {
    expect(findings[0]!.monthlyAtStake).toBe("16500.00");
  });
});

describe("accelerating spend rule", () => {
  // Weekly totals (oldest first) -> does it fire?
  it.each([
    { name: "growth rising 2% -> 5% -> 9% -> 14%", weeks: [10000, 10200, 10710, 11674, 13308], fires: true },
    { name: "steady 10% growth is a plan, not acceleration", weeks: [10000, 11000, 12100, 13310, 14641], fires: false },
    { name: "rising growth but only +$150 a week", weeks: [1000, 1010, 1040, 1100, 1250], fires: false },
    { name: "a zero week has no growth rate", weeks: [0, 1000, 1100, 1300, 1700], fires: false },
  ])("$name", ({ weeks, fires }) => {
    const series = daily("search", (ago) => weeks[4 - Math.floor(ago / 7)]! / 7);
    const found = acceleratingSpendRule(inputs({ teamDaily: [series] }));
    expect(found.length > 0).toBe(fires);
  });
});

describe("forecast over budget rule", () => {
  it("quotes the budget review's forecast: month to date plus the run rate for the days left", () => {
    const [finding] = forecastOverBudgetRule(inputs({ teamTotalDaily: [daily("t", () => 100)], budgets: [{ teamId: "t", month: "2026-08", budget: "3000" }] }));
    expect(finding!.evidence).toMatchObject({ monthToDate: "1600.00", forecast: "3100.00", overBy: "100.00" });
  });
  it("weekends included: the same number as the review for a series with weekday seasonality", () => {
    const weekly = daily("t", (ago) => ([5, 6].includes(ago % 7) ? 20 : 150));
    const review = forecastMonth({ month: "2026-08", lastCompleteDay: TODAY, daily: [...weekly.amounts].map(([day, amount]) => ({ day, amount })) });
    const [finding] = forecastOverBudgetRule(inputs({ teamTotalDaily: [weekly], budgets: [{ teamId: "t", month: "2026-08", budget: "1000" }] }));
    expect(finding!.evidence).toMatchObject({ forecast: review.forecast, forecastLow: review.low, forecastHigh: review.high });
  });
  it("is skipped for a team with too little history to project", () => {
    const young = daily("t", (ago) => (ago < 3 ? 500 : 0));
    young.amounts.forEach((_, day) => day < addDays(TODAY, -2) && young.amounts.delete(day));
    expect(forecastOverBudgetRule(inputs({ teamTotalDaily: [young], budgets: [{ teamId: "t", month: "2026-08", budget: "10" }] }))).toEqual([]);
  });
  it.each([
    { budget: "3000", fires: true, why: "3.3% and $100 over" },
    { budget: "3050", fires: false, why: "1.6% over: inside the 2% rule" },
    { budget: "0", fires: true, why: "a zero budget has no ratio; $3,100 over decides" },
  ])("budget $budget: $why", ({ budget, fires }) => {
    const found = forecastOverBudgetRule(inputs({ teamTotalDaily: [daily("t", () => 100)], budgets: [{ teamId: "t", month: "2026-08", budget }] }));
    expect(found.length > 0).toBe(fires);
  });
  it("is skipped when there are no budgets", () => {
    expect(forecastOverBudgetRule(inputs({ teamTotalDaily: [daily("t", () => 100)], budgets: null }))).toEqual([]);
  });
});

describe("untagged spend rule", () => {
  it.each([
    { untagged: "600", total: "6000", fires: true },
    { untagged: "600", total: "60000", fires: false }, // 1%: under the share
    { untagged: "150", total: "300", fires: false }, // 50% but $150/month: under the dollars
  ])("$untagged of $total", ({ untagged, total, fires }) => {
    const found = untaggedSpendRule(inputs({ untagged: [{ teamId: "data-platform", accountId: "111122223333", accountName: "lumen-data", untagged, teamTotal: total }] }));
    expect(found.length > 0).toBe(fires);
    if (fires) expect(found[0]).toMatchObject({ subject: "account 111122223333", monthlyAtStake: "600.00" });
  });
});

describe("idle resources rule", () => {
  const base = { accountId: "111122223333", service: "ec2", teamId: "platform", lastSeenAt: "2026-08-01" };
  it("groups stale and untagged resources per team and account, with cost when line items name them", () => {
    const found = idleResourcesRule(inputs({ resources: [
      { ...base, arn: "arn:a", hasOwnerTag: true, stale: true, cost: "90" },
      { ...base, arn: "arn:b", hasOwnerTag: false, stale: true, cost: null },
      { ...base, arn: "arn:c", hasOwnerTag: false, stale: false, cost: null },
      { ...base, arn: "arn:d", hasOwnerTag: true, stale: false, cost: "500" },
    ] }));
    expect(found.map((f) => [f.subject, f.monthlyAtStake, (f.evidence as { count: number }).count])).toEqual([
      ["stale resources in 111122223333", "90.00", 2],
      ["untagged resources in 111122223333", "0.00", 1],
    ]);
    expect(found[1]!.title).toBe("1 resource in lumen-data has no owner tag");
  });
});

describe("low coverage rule", () => {
  const rows = (teamId: string, onDemand: number, covered: number) =>
    Array.from({ length: 30 }, (_, i) => [
      { teamId, service: "Amazon Elastic Compute Cloud - Compute", day: addDays(TODAY, -i), kind: "on-demand" as const, amount: String(i === 3 ? onDemand / 2 : onDemand) },
      { teamId, service: "Amazon Elastic Compute Cloud - Compute", day: addDays(TODAY, -i), kind: "covered" as const, amount: String(covered) },
    ]).flat();
  // Covered rows are at commitment rates (0.72 of on demand): $360 covered is $500 of on-demand usage.
  it.each([
    { name: "12% covered, $200/day steady on demand", teamRows: rows("t", 200, 20), fires: true, atStake: "750.00", coverage: "0.1238" },
    { name: "85% covered", teamRows: rows("t", 200, 800), fires: false },
    { name: "0% covered but only $20/day", teamRows: rows("t", 20, 0), fires: false },
    // $15,000 covered at on-demand prices of $29,750: 50%, not the 42% of $10,800 commitment dollars beside on-demand dollars.
    { name: "50% covered at on-demand prices", teamRows: rows("t", 500, 360), fires: true, atStake: "1875.00", coverage: "0.5042" },
    // 65% at on-demand prices is above the 60% threshold; mixing bases read it as 58% and nudged.
    { name: "65% covered at on-demand prices", teamRows: rows("t", 350, 468), fires: false },
  ])("$name", ({ teamRows, fires, atStake, coverage }) => {
    const found = lowCoverageRule(inputs({ coverage: teamRows }));
    expect(found.length > 0).toBe(fires);
    // the floor is the one half day x 30 x 25%
    if (atStake) expect(found[0]!.monthlyAtStake).toBe(atStake);
    if (coverage) {
      expect(found[0]!.evidence.coverage).toBe(coverage);
      expect(found[0]!.title).toMatch(new RegExp(`^Only ${Math.round(Number(coverage) * 100)}% of compute usage`));
    }
  });
});
