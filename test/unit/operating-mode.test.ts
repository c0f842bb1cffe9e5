// The operating-mode diagnosis and its checks (seeds/efficiency-managing-infrastructure-costs.txt),
// and the decision-rule calculator.
import { describe, expect, it } from "vitest";
import { diagnoseOperatingMode, type OperatingModeInput } from "../../jobs/metrics/operating-mode";
import { runwayWithoutInfra } from "../../jobs/metrics/early-stage-checks";
import { calculateDecision, engineerEquivalents } from "../../jobs/metrics/decision-calculator";

const base: OperatingModeInput = {
  month: "2026-10",
  revenue: "3000000",
  cash: "40000000",
  netBurn: "500000",
  infraCost: "300000",
  engineers: 150,
  revenueQuarterlyGrowth: "0.10",
  shareTrend: { lastQuarter: { start: "2026-08", end: "2026-10", share: "0.09" }, previousQuarter: { start: "2026-05", end: "2026-07", share: "0.08" }, rising: true },
  unitCost: { label: "per 10,000 searches", value: "180", target: "170" },
  overheadPerEngineer: { value: "900", target: "950" },
};

describe("runway with $0 infrastructure", () => {
  it.each([
    // cash, net burn, infra, runway, without infra, extension, extends by 2 months
    ["1200000", "100000", "10000", "12", "13.33", "1.33", false],
    ["1200000", "100000", "20000", "12", "15", "3", true],
    ["1200000", "100000", "100000", "12", null, null, true], // infra is the whole burn
    ["1200000", "0", "100000", null, null, null, false], // not burning cash
    ["1200000", "-5000", "100000", null, null, null, false], // cash-flow positive
  ] as const)("cash %s, burn %s, infra %s", (cash, burn, infra, runway, without, extension, extendsByTwo) => {
    expect(runwayWithoutInfra(cash, burn, infra)).toEqual({ runwayMonths: runway, runwayWithoutInfraMonths: without, extensionMonths: extension, extendsByTwoMonths: extendsByTwo });
  });
});

describe("diagnoseOperatingMode", () => {
  it.each([
    ["no revenue figures", { revenue: null }, "early"],
    ["revenue below net burn", { revenue: "400000" }, "early"],
    ["revenue growing 10% a quarter", {}, "growth"],
    ["revenue growing 5% a quarter (the threshold)", { revenueQuarterlyGrowth: "0.05" }, "growth"],
    ["revenue growing 2% a quarter", { revenueQuarterlyGrowth: "0.02" }, "late"],
    ["revenue growth unknown", { revenueQuarterlyGrowth: null }, "late"],
  ] as const)("%s: %s", (_name, change, mode) => {
    expect(diagnoseOperatingMode({ ...base, ...change }).diagnosed).toBe(mode);
  });

  it("shows every mode's checks with answers and the reasoning", () => {
    const diagnosis = diagnoseOperatingMode(base);
    const answers = Object.fromEntries(diagnosis.modes.flatMap((m) => m.checks.map((c) => [c.key, c.answer])));
    expect(answers).toEqual({
      "runway-extension": true, // 80 months -> 200 months
      "infra-per-employee": true, // 300000 / 150 = $2,000 per engineer: at the limit counts as over
      "share-of-revenue-rising": true,
      "unit-cost-over-target": true,
      "overhead-over-target": false,
    });
    const early = diagnosis.modes.find((m) => m.mode === "early")!;
    expect(early.checks[0]!.reasoning).toBe("$40,000,000 of cash at $500,000/month net burn is 80.0 months of runway; without $300,000/month of infrastructure it would be 200.0 months, 120.0 months more.");
    expect(early.checks[1]!.reasoning).toContain("$2,000 per engineer");
    expect(diagnosis.modes.find((m) => m.mode === "late")!.checks[0]!.reasoning).toBe("Cost per 10,000 searches is $180 against a target of $170: over.");
    expect(diagnosis.modes.map((m) => m.actNow)).toEqual([true, true, true]);
  });

  it("puts $2,000 per engineer exactly at the limit (over), and just under it not", () => {
    const at = diagnoseOperatingMode(base).modes[0]!.checks[1]!;
    const under = diagnoseOperatingMode({ ...base, infraCost: "299999" }).modes[0]!.checks[1]!;
    expect([at.answer, under.answer]).toEqual([true, false]);
  });

  it("says so instead of guessing when inputs are missing", () => {
    const diagnosis = diagnoseOperatingMode({ ...base, cash: null, netBurn: null, engineers: null, shareTrend: { lastQuarter: null, previousQuarter: null, rising: null }, unitCost: { label: "x", value: null, target: null }, overheadPerEngineer: { value: null, target: null } });
    expect(diagnosis.modes.map((m) => m.verdict)).toEqual(["Not enough data to judge.", "Not enough data to judge.", "Not enough data to judge."]);
  });
});

describe("decision calculator", () => {
  const input = { loadedEngineerCostPerYear: "260000", effortEngineerWeeks: "1", savingsPerMonth: "10000", horizonMonths: 12, requiredReturnMultiple: "5", efficiencyTeamEngineers: 2, infraCostPerMonth: "500000" };

  it("one engineer-week is worth it for $10,000/month saved", () => {
    const result = calculateDecision(input);
    expect(result).toMatchObject({ engineerWeekCost: "5000", effortCost: "5000", savingsOverHorizon: "120000", returnMultiple: "24", paybackMonths: "0.5", breakEvenSavingsPerMonth: "2083.33", worthIt: true });
  });

  it.each([
    ["$2,083.34/month clears the 5x bar for one week", "2083.34", true],
    ["$2,000/month does not", "2000", false],
    ["nothing saved is never worth it", "0", false],
  ])("%s", (_name, savingsPerMonth, worthIt) => {
    expect(calculateDecision({ ...input, savingsPerMonth }).worthIt).toBe(worthIt);
  });

  it("a dedicated team should save 5x its cost; infrastructure over 10x the team's cost argues for one", () => {
    expect(calculateDecision(input).efficiencyTeam).toEqual({ costPerYear: "520000", requiredSavingsPerYear: "2600000", infraCostPerYear: "6000000", infraToTeamMultiple: "11.54", infraOverTenTimesTeam: true });
    expect(calculateDecision({ ...input, efficiencyTeamEngineers: 0 }).efficiencyTeam).toMatchObject({ infraToTeamMultiple: null, infraOverTenTimesTeam: null });
  });

  it("shows cost in engineer-equivalents, absent for a zero loaded cost", () => {
    expect(engineerEquivalents("43333.33", "260000")).toBe("2");
    expect(engineerEquivalents("100", "0")).toBeNull();
    expect(calculateDecision({ ...input, effortEngineerWeeks: "0" })).toMatchObject({ returnMultiple: null, worthIt: true });
  });
});
