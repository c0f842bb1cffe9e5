// Commitment maths with worked examples: a $/hour commitment at rate r covers C*24/r of on-demand
// usage a day; savings, coverage, utilization, break-even and payback follow from that.
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { breakEvenUtilization, effectiveRate, evaluateCommitment, paybackMonths, savings } from "../../jobs/commitments/commitment-math";

const series = (...values: number[]) => values.map((v) => new Decimal(v));

describe("evaluateCommitment", () => {
  it.each([
    // usage per day, $/hour, rate -> on-demand, commitment, covered, cost with, net savings, coverage, utilization
    // $3/h at 0.72 = $72/day covering exactly $100/day: 28% saved, all covered, all used.
    [[100, 100, 100], "3", "0.72", "300", "216", "300", "216", "84", "1", "1"],
    // $2.88/h = $69.12/day covering $96/day; the $0 and $50 days waste most of it: a loss of $34.48.
    [[100, 100, 50, 0], "2.88", "0.72", "250", "276.48", "242", "284.48", "-34.48", "0.968", "0.6302"],
    // No commitment: everything on demand, utilization absent (not NaN).
    [[40, 60], "0", "0.72", "100", "0", "0", "100", "0", "0", null],
    // No usage: coverage absent, the whole commitment unused.
    [[0, 0], "1", "0.5", "0", "48", "0", "48", "-48", null, "0"],
  ] as const)("%j at $%s/h, rate %s", (usage, hourly, rate, onDemand, commitment, covered, costWith, net, coverage, utilization) => {
    const outcome = evaluateCommitment(series(...usage), hourly, rate);
    expect(outcome.onDemandCost.toString()).toBe(onDemand);
    expect(outcome.commitmentCost.toString()).toBe(commitment);
    expect(outcome.coveredOnDemand.toString()).toBe(covered);
    expect(outcome.costWithCommitment.toString()).toBe(costWith);
    expect(outcome.netSavings.toString()).toBe(net);
    expect(outcome.coverage?.toDecimalPlaces(4).toString() ?? null).toBe(coverage);
    expect(outcome.utilization?.toDecimalPlaces(4).toString() ?? null).toBe(utilization);
    expect(outcome.usedCommitment.plus(outcome.unusedCommitment).toString()).toBe(commitment);
  });

  it("reads an hourly series with periodHours = 1", () => {
    const outcome = evaluateCommitment(series(2, 2, 1), "1.44", "0.72", 1); // covers $2/h
    expect(outcome.coveredOnDemand.toString()).toBe("5");
    expect(outcome.netSavings.toString()).toBe("0.68"); // 5 on demand - (4.32 + 0)
  });

  it("rejects a rate outside (0, 1]", () => {
    expect(() => evaluateCommitment(series(1), "1", "0")).toThrow(/rate/);
    expect(() => evaluateCommitment(series(1), "1", "1.2")).toThrow(/rate/);
  });
});

describe("break-even, effective rate, savings and payback", () => {
  it.each([
    ["0.72", "0.72"], // Compute SP 1 year no upfront: it must be 72% used to beat on demand
    ["0.47", "0.47"], // 3 years all upfront: 47% used is enough
  ])("break-even utilization at rate %s is %s", (rate, expected) => {
    expect(breakEvenUtilization(rate).toString()).toBe(expected);
  });

  it("effective rate of an m5.large partial-upfront RI: ($800/8760h + $0.02/h) / $0.192/h = 0.5798", () => {
    expect(effectiveRate({ onDemandHourly: "0.192", upfront: "800", recurringHourly: "0.02", termHours: 8760 }).toDecimalPlaces(4).toString()).toBe("0.5798");
  });

  it.each([
    ["1000", "720", "280", "0.28"],
    ["1000", "1100", "-100", "-0.1"], // over-committed: a negative saving, shown as such
    ["0", "0", "0", null], // nothing on demand: no share
  ] as const)("savings(%s on demand, %s with) = %s (%s)", (onDemand, withCommitment, amount, share) => {
    const result = savings(onDemand, withCommitment);
    expect(result.amount.toString()).toBe(amount);
    expect(result.share?.toString() ?? null).toBe(share);
  });

  it.each([
    ["3000", "100", "600", "6"], // $3,000 upfront earned back at $500/month
    ["0", "400", "600", "0"], // no upfront: pays from the first month
    ["3000", "600", "600", null], // saves nothing: never pays back
  ] as const)("payback of %s upfront, %s/month recurring, %s/month covered = %s months", (upfront, monthlyRecurring, monthlyCoveredOnDemand, expected) => {
    expect(paybackMonths({ upfront, monthlyRecurring, monthlyCoveredOnDemand })?.toString() ?? null).toBe(expected);
  });
});
