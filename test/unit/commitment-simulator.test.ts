// The what-if simulator with worked examples: $100/day of eligible usage for 30 days.
import { describe, expect, it } from "vitest";
import { simulateCommitments } from "../../jobs/commitments/simulate";

const flat = (amount: string, days = 30) => Array.from({ length: days }, () => amount);

describe("simulateCommitments", () => {
  it("a $3/h Compute SP (1 year, no upfront, 0.72) on $100/day: $852.25/month saved, all used; 20% less usage leaves 80% used", () => {
    const result = simulateCommitments(flat("100"), [{ type: "compute-sp", termYears: 1, paymentOption: "NO_UPFRONT", hourlyCommitment: "3" }], "0.2");
    expect(result.current).toEqual({ monthlyOnDemand: "3043.75", monthlyCost: "2191.50", monthlySavings: "852.25", coverage: "1", utilization: "1", unusedMonthly: "0.00" });
    expect(result.usageDrop.result).toMatchObject({ monthlyOnDemand: "2435.00", monthlyCost: "2191.50", monthlySavings: "243.50", utilization: "0.8", unusedMonthly: "438.30" });
    expect(result.breakEvenUtilization).toBe("0.72");
    expect(result.paybackMonths).toBe("0");
  });

  it("3 years all upfront at 0.47: $78,840 upfront earned back in 25.9 months", () => {
    const result = simulateCommitments(flat("100"), [{ type: "compute-sp", termYears: 3, paymentOption: "ALL_UPFRONT", hourlyCommitment: "3" }]);
    expect(result.upfrontTotal).toBe("78840.00");
    expect(result.paybackMonths).toBe("25.9");
    expect(result.current.coverage).toBe("1");
    expect(result.current.utilization).toBe("0.6528"); // $141/day of commitment capacity used for $100
  });

  it("stacks commitments deepest discount first, each on what the previous left", () => {
    const result = simulateCommitments(flat("100"), [
      { type: "compute-sp", termYears: 1, paymentOption: "NO_UPFRONT", hourlyCommitment: "1.8" }, // covers $60/day at 0.72
      { type: "reserved-instance", termYears: 1, paymentOption: "NO_UPFRONT", hourlyCommitment: "0.63", rate: "0.63" }, // $24/day at 0.63
    ]);
    expect(result.commitments.map((c) => c.type)).toEqual(["reserved-instance", "compute-sp"]);
    // RI: $15.12/day covers $24; SP: $43.2/day covers $60; $16 on demand: $74.32/day vs $100.
    expect(result.current.monthlyCost).toBe("2262.12"); // 74.32 x 30.4375 = 2262.115
    expect(result.current.coverage).toBe("0.84");
  });

  it("with no commitment everything stays on demand", () => {
    const result = simulateCommitments(flat("50"), []);
    expect(result.current.monthlySavings).toBe("0.00");
    expect(result.current.utilization).toBeNull();
    expect(result.breakEvenUtilization).toBeNull();
    expect(result.paybackMonths).toBeNull();
  });

  it("rejects a usage drop outside 0..1", () => {
    expect(() => simulateCommitments(flat("1"), [], "1.5")).toThrow(/usageDropShare/);
  });
});
