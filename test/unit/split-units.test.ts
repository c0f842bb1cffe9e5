import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitPool } from "../../jobs/attribution/split-pool";
import { formatUnits, splitUnits, toUnits, unitBases, weightBases } from "../../jobs/attribution/split-units";

/** What attribution through pods did before split-units.ts: splitPool over parts keyed in their order. */
function bySplitPool(pool: string, weights: string[], even: boolean): string[] {
  const keys = weights.map((_, i) => String(i).padStart(6, "0"));
  const byKey = Object.fromEntries(keys.map((key, i) => [key, weights[i]!]));
  const { shares } = splitPool({ pool, teams: keys, weights: byKey, method: even ? { kind: "even" } : { kind: "proportional" } });
  return shares.map((share) => new Decimal(share.amount).toFixed());
}

const byUnits = (pool: string, weights: string[], even: boolean) => splitUnits(toUnits(pool), weightBases(weights), even).map(formatUnits);

/** A decimal string of up to `places` places, negative when asked, with trailing zeros sometimes. */
const decimal = (places: number, signed: boolean) =>
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.nat(places), fc.boolean(), fc.nat(3)).map(([units, at, negative, zeros]) => {
    const digits = units.toString().padStart(at + 1, "0");
    const plain = at === 0 ? digits : `${digits.slice(0, -at)}.${digits.slice(-at)}`;
    const padded = at === 0 || zeros === 0 ? plain : plain + "0".repeat(Math.max(0, Math.min(zeros, 10 - at)));
    return signed && negative ? `-${padded}` : padded;
  });
/** Weights with many ties, zeros and negatives, as pods' split and unused costs can be. */
const weight = fc.oneof(decimal(12, true), fc.constantFrom("0", "0.00", "1", "1.0", "-2.5", "0.5"));

describe("splitUnits gives what splitPool gives", () => {
  it.each([
    ["the spare cent to the lowest index on a tie", "100.00", ["1", "1", "1"], false, ["33.34", "33.33", "33.33"]],
    ["a credit split as its absolute value, negated", "-10.00", ["3", "1"], false, ["-7.5", "-2.5"]],
    ["zero and negative weights count as zero", "100", ["30", "-10", "0", "10"], false, ["75", "0", "0", "25"]],
    ["all-zero weights fall back to even", "10", ["0", "-5", "0.00"], false, ["3.34", "3.33", "3.33"]],
    ["the pool's places set the unit, trailing zeros dropped", "10.0000", ["1", "1", "1"], false, ["3.34", "3.33", "3.33"]],
    ["a finer pool splits finer", "0.1234567", ["1", "1"], false, ["0.0617284", "0.0617283"]],
    ["even ignores the weights", "1.00", ["5", "0"], true, ["0.5", "0.5"]],
    ["a larger remainder beats a lower index", "0.01", ["40", "60"], false, ["0", "0.01"]],
  ] as [string, string, string[], boolean, string[]][])("%s", (_why, pool, weights, even, expected) => {
    expect(byUnits(pool, weights, even)).toEqual(expected);
    expect(bySplitPool(pool, weights, even)).toEqual(expected);
  });

  it("on generated pools and weights (ties, negative pools, zero weights, every scale)", () => {
    fc.assert(
      fc.property(decimal(10, true), fc.array(weight, { minLength: 1, maxLength: 40 }), fc.boolean(), (pool, weights, even) => {
        expect(byUnits(pool, weights, even)).toEqual(bySplitPool(pool, weights, even));
      }),
      { numRuns: 2000 },
    );
  });

  it("on summed unit amounts as weights (the idle split by teams' parts)", () => {
    fc.assert(
      fc.property(decimal(10, true), fc.array(decimal(10, true), { minLength: 1, maxLength: 12 }), fc.boolean(), (pool, parts, even) => {
        const asUnits = splitUnits(toUnits(pool), unitBases(parts.map(toUnits)), even).map(formatUnits);
        expect(asUnits).toEqual(bySplitPool(formatUnits(toUnits(pool)), parts.map((part) => new Decimal(part).toFixed()), even));
      }),
      { numRuns: 1000 },
    );
  });

  it("writes amounts as decimal.js's toFixed() does and refuses what splitPool refuses", () => {
    fc.assert(
      fc.property(decimal(10, true), (value) => {
        expect(formatUnits(toUnits(value))).toBe(new Decimal(value).toFixed());
      }),
    );
    expect(formatUnits(toUnits("-0.00"))).toBe("0");
    expect(() => toUnits("0.00000000001")).toThrow(/11 decimal places/);
    expect(() => toUnits("1e-7")).toThrow(/plain decimal/);
    expect(() => splitUnits(1n, [])).toThrow(/no teams/);
  });
});
