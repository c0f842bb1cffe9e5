// The over-budget rule at its edges: zero budgets have no ratio, exactly at the threshold is within.
import { describe, expect, it } from "vitest";
import { budgetVariance, byVariance } from "../../jobs/budgets/variance";

describe("budgetVariance: the over-2% rule", () => {
  const cases = [
    { name: "under budget", budget: "1000", forecast: "900", threshold: undefined, approved: false, expected: { varianceUsd: "-100.00", varianceRatio: "-0.1", status: "within", needsApproval: false } },
    { name: "exactly at 2% is within", budget: "1000", forecast: "1020", threshold: undefined, approved: false, expected: { varianceUsd: "20.00", varianceRatio: "0.02", status: "within", needsApproval: false } },
    { name: "a cent past 2% needs approval", budget: "1000", forecast: "1020.01", threshold: undefined, approved: false, expected: { varianceUsd: "20.01", varianceRatio: "0.02001", status: "over-needs-approval", needsApproval: true } },
    { name: "approved overrun", budget: "1000", forecast: "1100", threshold: undefined, approved: true, expected: { status: "over-approved", needsApproval: true } },
    { name: "a configured 5% threshold lets 4% pass", budget: "1000", forecast: "1040", threshold: "0.05", approved: false, expected: { status: "within", needsApproval: false } },
    { name: "threshold 0: any overrun needs approval", budget: "1000", forecast: "1000.01", threshold: "0", approved: false, expected: { status: "over-needs-approval" } },
    { name: "zero budget with spend: over, and no ratio", budget: "0", forecast: "12.50", threshold: undefined, approved: false, expected: { varianceUsd: "12.50", varianceRatio: null, status: "over-needs-approval", needsApproval: true } },
    { name: "zero budget, zero forecast: within, no ratio", budget: "0.00", forecast: "0.00", threshold: undefined, approved: false, expected: { varianceUsd: "0.00", varianceRatio: null, status: "within" } },
    { name: "no budget: nothing to compare", budget: null, forecast: "500", threshold: undefined, approved: false, expected: { varianceUsd: null, varianceRatio: null, status: "no-budget", needsApproval: false } },
    { name: "no forecast yet", budget: "500", forecast: null, threshold: undefined, approved: false, expected: { varianceUsd: null, status: "no-forecast", needsApproval: false } },
  ] as const;
  it.each(cases)("$name", ({ budget, forecast, threshold, approved, expected }) => {
    expect(budgetVariance({ budgetUsd: budget, forecastUsd: forecast, threshold, approved })).toMatchObject(expected);
  });
});

describe("byVariance", () => {
  it("zero budgets with spend first, then by ratio (largest overrun first), then rows without a budget", () => {
    const rows = [
      { teamId: "a", varianceUsd: "-50.00", varianceRatio: "-0.05" },
      { teamId: "b", varianceUsd: null, varianceRatio: null },
      { teamId: "c", varianceUsd: "30.00", varianceRatio: "0.3" },
      { teamId: "d", varianceUsd: "5.00", varianceRatio: null },
      { teamId: "e", varianceUsd: "30.00", varianceRatio: "0.03" },
      { teamId: "f", varianceUsd: "0.00", varianceRatio: null },
    ];
    expect([...rows].sort(byVariance).map((r) => r.teamId)).toEqual(["d", "c", "e", "f", "a", "b"]);
  });
});
