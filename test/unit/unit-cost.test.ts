// Unit cost: cost / volume x N, absent (null) where volume is zero, missing or too small; cost and
// volume aligned on the same UTC day, and nothing after the last complete billing day counted.
import { describe, expect, it } from "vitest";
import { dailyUnitCosts, monthlyUnitCosts, unitCost } from "../../jobs/metrics/unit-cost";

describe("unitCost", () => {
  it.each([
    // cost, volume, n, minVolume, expected
    ["100", "1000000", 10_000, 1000, "1"],
    ["2.5", "10000", 10_000, 1000, "2.5"],
    ["1", "3", 1, 0, "0.333333"], // 6 decimal places
    ["0", "5000", 10_000, 1000, "0"],
    ["-50", "100000", 10_000, 1000, "-5"], // a credit day: a negative unit cost is still a number
    ["100", "0", 10_000, 0, null], // zero volume: no value, never Infinity
    ["0", "0", 10_000, 0, null], // 0/0: no value, never NaN
    ["100", "999", 10_000, 1000, null], // below the minimum volume
    ["100", "1000", 10_000, 1000, "1000"], // exactly the minimum counts
    ["100", "-5", 10_000, 0, null], // a negative count is not a volume
  ] as const)("%s / %s x %s (min %s) = %s", (cost, volume, n, minVolume, expected) => {
    expect(unitCost(cost, volume, { n, minVolume })).toBe(expected);
  });

  it("defaults to N = 10,000", () => {
    expect(unitCost("179.92", "8419176")).toBe("0.213703");
  });
});

describe("dailyUnitCosts", () => {
  const cost = new Map([
    ["2026-03-07", "100"],
    ["2026-03-08", "200"],
    ["2026-03-09", "300"],
    ["2026-03-10", "999"], // after the last complete day: must not count
  ]);
  const volume = new Map([
    ["2026-03-07", "10000"],
    // 03-08 has cost but no volume
    ["2026-03-09", "30000"],
    ["2026-03-10", "1"],
  ]);
  const points = dailyUnitCosts(cost, volume, { from: "2026-03-07", to: "2026-03-31", lastCompleteDay: "2026-03-09" }, { n: 10_000, minVolume: 1 });

  it("pairs each day's cost with the same day's volume and stops at the last complete day", () => {
    expect(points).toEqual([
      { period: "2026-03-07", cost: "100", volume: "10000", value: "100", complete: true },
      { period: "2026-03-08", cost: "200", volume: "0", value: null, complete: true },
      { period: "2026-03-09", cost: "300", volume: "30000", value: "100", complete: true },
    ]);
  });

  it("does not shift days across a DST change or time zone (keys are UTC day strings)", () => {
    const dst = dailyUnitCosts(new Map([["2026-03-08", "10"]]), new Map([["2026-03-08", "10000"]]), { from: "2026-03-08", to: "2026-03-08", lastCompleteDay: "2026-03-08" }, { minVolume: 1 });
    expect(dst).toEqual([{ period: "2026-03-08", cost: "10", volume: "10000", value: "10", complete: true }]);
  });
});

describe("monthlyUnitCosts", () => {
  const cost = new Map([
    ["2026-01-31", "100"],
    ["2026-02-01", "50"],
    ["2026-02-02", "50"],
    ["2026-02-03", "1000"], // not billed completely yet
  ]);
  const volume = new Map([
    ["2026-01-31", "20000"],
    ["2026-02-01", "10000"],
    ["2026-02-02", "10000"],
    ["2026-02-03", "10000"],
  ]);

  it("sums cost and volume over the same days only, and marks the open month incomplete", () => {
    expect(monthlyUnitCosts(cost, volume, { from: "2026-01-01", to: "2026-02-28", lastCompleteDay: "2026-02-02" }, { minVolume: 1 })).toEqual([
      { period: "2026-01", cost: "100", volume: "20000", value: "50", complete: true },
      { period: "2026-02", cost: "100", volume: "20000", value: "50", complete: false },
    ]);
  });

  it("gives a month without volume no value", () => {
    const [month] = monthlyUnitCosts(new Map([["2026-01-05", "10"]]), new Map(), { from: "2026-01-01", to: "2026-01-31", lastCompleteDay: "2026-01-31" });
    expect(month).toMatchObject({ period: "2026-01", cost: "10", volume: "0", value: null, complete: true });
  });
});
