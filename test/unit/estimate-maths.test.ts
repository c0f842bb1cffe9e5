// Cost estimate maths, table-driven: the median unit cost of comparable months times the expected
// operations, the range from the cheapest and dearest month, and the gap to the actuals after launch.
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { estimateGap, estimateRange, median } from "../../jobs/estimates/estimate-maths";

describe("median", () => {
  it.each([
    [[], null],
    [["3"], "3"],
    [["3", "1", "2"], "2"],
    [["4", "1", "3", "2"], "2.5"],
  ])("of %j is %s", (values, expected) => expect(median(values.map((v) => new Decimal(v)))?.toString() ?? null).toBe(expected));
});

describe("estimateRange", () => {
  it.each([
    // unit costs per 10,000, operations per month -> monthly, low, high
    [["20", "25", "30"], "1000000", 10_000, { monthlyCost: "2500.00", low: "2000.00", high: "3000.00", unitMedian: "25" }],
    [["22.991384", "23.317168"], "5000000", 10_000, { monthlyCost: "11577.14", low: "11495.69", high: "11658.58", unitMedian: "23.154276" }],
    [["0.5", null, "1.5"], "2000", 1_000, { monthlyCost: "2.00", low: "1.00", high: "3.00", unitMedian: "1" }],
    [["12"], "0", 10_000, { monthlyCost: "0.00", low: "0.00", high: "0.00", unitMedian: "12" }],
  ] as const)("%j x %s / %d", (units, operations, n, expected) => expect(estimateRange(units, operations, n)).toMatchObject(expected));

  it("without a usable unit cost there is no estimate (not zero)", () => {
    expect(estimateRange([null, null], "1000", 10_000)).toEqual({ unitMedian: null, unitLow: null, unitHigh: null, monthlyCost: null, low: null, high: null });
  });
});

describe("estimateGap", () => {
  const estimate = { monthlyCost: "2500.00", low: "2000.00", high: "3000.00" };
  it.each([
    ["2026-11", "2750", { actual: "2750.00", gap: "250.00", gapRatio: "0.1", withinRange: true }],
    ["2026-12", "3600.4", { actual: "3600.40", gap: "1100.40", gapRatio: "0.44016", withinRange: false }],
    ["2027-01", "1999.99", { actual: "1999.99", gap: "-500.01", gapRatio: "-0.200004", withinRange: false }],
    ["2027-02", "2000", { actual: "2000.00", gap: "-500.00", gapRatio: "-0.2", withinRange: true }],
  ])("%s: actual %s", (month, amount, expected) => expect(estimateGap(estimate, [{ month, amount }])[0]).toEqual({ month, ...expected }));

  it("a zero estimate has no gap ratio, never Infinity", () => {
    expect(estimateGap({ monthlyCost: "0", low: "0", high: "0" }, [{ month: "2026-11", amount: "10" }])[0]!.gapRatio).toBeNull();
  });
});
