import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitPool, type SplitInput, type SplitMethod, type SplitResult } from "../../jobs/attribution/split-pool";

const even: SplitMethod = { kind: "even" };
const proportional: SplitMethod = { kind: "proportional" };
// Checks sum at 200 significant digits; default decimal.js (20 digits) would itself round big pools.
const Exact = Decimal.clone({ precision: 200 });
const fixed = (weights: Record<string, string>): SplitMethod => ({ kind: "fixed", weights });

function amounts(result: SplitResult): Record<string, string> {
  return Object.fromEntries(result.shares.map((share) => [share.team, share.amount]));
}

describe("splitPool worked examples", () => {
  it.each([
    // why, input, expected amounts by team
    ["100.00 1:1:1, the spare cent to the lowest team id", { pool: "100.00", teams: ["c", "a", "b"], method: even }, { a: "33.34", b: "33.33", c: "33.33" }],
    ["-10.00 credit proportional 3:1", { pool: "-10.00", teams: ["a", "b"], weights: { a: "3", b: "1" }, method: proportional }, { a: "-7.50", b: "-2.50" }],
    ["0.01 among 3 teams", { pool: "0.01", teams: ["a", "b", "c"], method: even }, { a: "0.01", b: "0.00", c: "0.00" }],
    ["-0.01 among 3 teams, zeros never -0", { pool: "-0.01", teams: ["a", "b", "c"], method: even }, { a: "-0.01", b: "0.00", c: "0.00" }],
    ["fixed 60/40", { pool: "1234.57", teams: ["a", "b"], method: fixed({ a: "60", b: "40" }) }, { a: "740.74", b: "493.83" }],
    ["fixed 60/40 of one cent, larger remainder beats lower id", { pool: "0.01", teams: ["a", "b"], method: fixed({ a: "40", b: "60" }) }, { a: "0.00", b: "0.01" }],
    ["fixed, a team without a weight gets 0", { pool: "100", teams: ["a", "b"], method: fixed({ a: "1" }) }, { a: "100.00", b: "0.00" }],
    ["proportional 1:2, spare cent to the larger remainder", { pool: "1.00", teams: ["a", "b"], weights: { a: "1", b: "2" }, method: proportional }, { a: "0.33", b: "0.67" }],
    ["proportional, a negative basis counts as zero", { pool: "100", teams: ["a", "b", "c"], weights: { a: "30", b: "-10", c: "10" }, method: proportional }, { a: "75.00", b: "0.00", c: "25.00" }],
    ["proportional, a team missing from the bases gets 0", { pool: "9.99", teams: ["a", "b"], weights: { a: "0.5" }, method: proportional }, { a: "9.99", b: "0.00" }],
    ["zero pool", { pool: "0", teams: ["a", "b"], weights: { a: "1" }, method: proportional }, { a: "0.00", b: "0.00" }],
    ["negative zero pool", { pool: "-0.00", teams: ["a", "b"], method: even }, { a: "0.00", b: "0.00" }],
    ["default scale follows the pool's decimals", { pool: "0.1234567", teams: ["a", "b"], method: even }, { a: "0.0617284", b: "0.0617283" }],
    ["trailing zeros don't raise the scale", { pool: "10.0000", teams: ["a", "b", "c"], method: even }, { a: "3.34", b: "3.33", c: "3.33" }],
    ["a pool finer than the requested scale raises it", { pool: "1.005", teams: ["a", "b"], method: even, scale: 2 }, { a: "0.503", b: "0.502" }],
    ["scale 0 splits whole units", { pool: "10", teams: ["a", "b", "c"], method: even, scale: 0 }, { a: "4", b: "3", c: "3" }],
    ["a finer scale on request", { pool: "100", teams: ["a", "b", "c"], method: even, scale: 4 }, { a: "33.3334", b: "33.3333", c: "33.3333" }],
    ["exponent notation as decimal.js writes it", { pool: "1e-7", teams: ["a", "b"], method: even }, { a: "0.0000001", b: "0.0000000" }],
  ] as [string, SplitInput, Record<string, string>][])("%s", (_why, input, expected) => {
    const result = splitPool(input);
    expect(amounts(result)).toEqual(expected);
    expect(result.shares.map((share) => share.team)).toEqual(Object.keys(expected).sort());
    expect(result.fallback).toBeUndefined();
  });

  it("proportional with all-zero bases falls back to even and says so", () => {
    const result = splitPool({ pool: "10", teams: ["c", "b", "a"], weights: { a: "0", b: "-5" }, method: proportional });
    expect(result).toEqual({
      fallback: "even",
      shares: [
        { team: "a", amount: "3.34" },
        { team: "b", amount: "3.33" },
        { team: "c", amount: "3.33" },
      ],
    });
  });

  it("stays exact beyond float and decimal.js precision (123456789012345678901234.56 three ways)", () => {
    const pool = "123456789012345678901234.56";
    const result = splitPool({ pool, teams: ["a", "b", "c"], weights: { a: "1", b: "1.000000000000000000001", c: "3" }, method: proportional });
    const sum = result.shares.reduce((total, share) => total.plus(share.amount), new Exact(0));
    expect(sum.toFixed(2)).toBe(pool);
  });
});

describe("splitPool rejects", () => {
  it.each([
    ["no teams", { pool: "1", teams: [], method: even }, /no teams/],
    ["a fixed weight for an unknown team", { pool: "1", teams: ["a", "b"], method: fixed({ a: "1", zeta: "1" }) }, /team "zeta"/],
    ["a proportional basis for an unknown team", { pool: "1", teams: ["a"], weights: { zeta: "1" }, method: proportional }, /team "zeta"/],
    ["all-zero fixed weights", { pool: "1", teams: ["a", "b"], method: fixed({ a: "0" }) }, /all zero/],
    ["a negative fixed weight", { pool: "1", teams: ["a", "b"], method: fixed({ a: "2", b: "-1" }) }, /team "b" is negative/],
    ["a proportional split without bases", { pool: "1", teams: ["a"], method: proportional }, /needs weights/],
    ["a pool with 11 decimal places", { pool: "0.00000000001", teams: ["a"], method: even }, /11 decimal places/],
    ["a pool that is not a decimal string", { pool: "12,50", teams: ["a"], method: even }, /pool must be a decimal string/],
    ["an infinite pool", { pool: "Infinity", teams: ["a"], method: even }, /pool must be a decimal string/],
    ["a hexadecimal pool", { pool: "0x10", teams: ["a"], method: even }, /pool must be a decimal string/],
    ["a weight that is not a decimal string", { pool: "1", teams: ["a"], weights: { a: "NaN" }, method: proportional }, /weight for team "a"/],
    ["a team listed twice", { pool: "1", teams: ["a", "a"], method: even }, /"a" is listed more than once/],
    ["a scale above 10", { pool: "1", teams: ["a"], method: even, scale: 11 }, /scale/],
    ["a fractional scale", { pool: "1", teams: ["a"], method: even, scale: 1.5 }, /scale/],
  ] as [string, SplitInput, RegExp][])("%s", (_why, input, message) => {
    expect(() => splitPool(input)).toThrow(message);
  });
});

// Random inputs: pools and weights as decimal strings with up to 6 places, 1-30 teams.
const decimalString = (maxUnits: bigint, maxPlaces: number) =>
  fc
    .tuple(fc.bigInt({ min: -maxUnits, max: maxUnits }), fc.integer({ min: 0, max: maxPlaces }))
    .map(([units, places]) => new Decimal(units.toString()).div(new Decimal(10).pow(places)).toFixed(places));
const nonNegative = (value: string) => value.replace(/^-/, "");

const poolArb = fc.oneof(fc.constantFrom("0", "-0.00", "0.000001", "-0.000001"), decimalString(100n, 6), decimalString(10n ** 13n, 6));
const teamsArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 });
const weightsFor = (teams: string[], weight: fc.Arbitrary<string>) =>
  fc.tuple(...teams.map((team) => fc.option(weight.map((w) => [team, w] as const), { nil: undefined }))).map((entries) =>
    Object.fromEntries(entries.filter((entry) => entry !== undefined)),
  );
const inputArb: fc.Arbitrary<SplitInput> = fc
  .record({ pool: poolArb, teams: teamsArb, scale: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }) })
  .chain(({ pool, teams, scale }) =>
    fc.oneof(
      fc.constant<SplitInput>({ pool, teams, scale, method: even }),
      weightsFor(teams, fc.oneof(fc.constant("0"), decimalString(10n ** 9n, 6))).map((weights): SplitInput => ({ pool, teams, scale, weights, method: proportional })),
      weightsFor(teams, fc.oneof(fc.constant("0"), decimalString(1000n, 3).map(nonNegative))).map((weights): SplitInput => ({ pool, teams, scale, method: fixed(weights) })),
    ),
  );

/** The bases the split should have used, per team, mirroring the documented rules. */
function expectedBases(input: SplitInput, result: SplitResult): Map<string, Decimal> {
  const raw = input.method.kind === "fixed" ? input.method.weights : input.method.kind === "proportional" && !result.fallback ? (input.weights ?? {}) : undefined;
  return new Map(input.teams.map((team) => [team, raw ? Decimal.max(0, raw[team] ?? "0") : new Decimal(1)]));
}

const isAllZeroFixed = (input: SplitInput) => input.method.kind === "fixed" && Object.values(input.method.weights).every((w) => new Decimal(w).isZero());
describe("splitPool properties", () => {
  it("shares sum exactly to the pool, sit within one unit of their exact quota, and carry the pool's sign", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        if (isAllZeroFixed(input)) return void expect(() => splitPool(input)).toThrow(/all zero/);
        const result = splitPool(input);
        const pool = new Exact(input.pool);
        const scale = Math.max(input.scale ?? Math.max(pool.decimalPlaces(), 2), pool.decimalPlaces());
        const unit = new Exact(10).pow(-scale);
        const bases = expectedBases(input, result);
        const total = [...bases.values()].reduce((sum, basis) => sum.plus(basis), new Exact(0));

        expect(result.shares.map((share) => share.team)).toEqual([...input.teams].sort());
        expect(result.shares.reduce((sum, share) => sum.plus(share.amount), new Exact(0)).eq(pool)).toBe(true);
        for (const { team, amount } of result.shares) {
          expect(amount).toMatch(scale === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${scale}}$`));
          expect(amount).not.toMatch(/^-0(\.0*)?$/);
          const share = new Exact(amount);
          // |share - pool*basis/total| < unit, multiplied through by total to stay exact
          const off = share.times(total).minus(pool.times(bases.get(team) ?? 0)).abs();
          expect(off.lt(unit.times(total))).toBe(true);
          if (pool.gt(0)) expect(share.gte(0)).toBe(true);
          if (pool.lt(0)) expect(share.lte(0)).toBe(true);
          if (pool.isZero()) expect(share.isZero()).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("does not depend on the order of teams or weight keys", () => {
    const shuffled = inputArb.chain((input) =>
      fc.shuffledSubarray(input.teams, { minLength: input.teams.length }).map((teams): [SplitInput, SplitInput] => {
        const reverseKeys = (weights: Record<string, string>) => Object.fromEntries(Object.entries(weights).reverse());
        const method = input.method.kind === "fixed" ? fixed(reverseKeys(input.method.weights)) : input.method;
        return [input, { ...input, teams, method, weights: input.weights && reverseKeys(input.weights) }];
      }),
    );
    fc.assert(
      fc.property(shuffled, ([original, reordered]) => {
        if (isAllZeroFixed(original)) return;
        expect(splitPool(reordered)).toEqual(splitPool(original));
      }),
      { numRuns: 300 },
    );
  });

  it("an even split's shares differ by at most one unit", () => {
    fc.assert(
      fc.property(poolArb, teamsArb, (pool, teams) => {
        const shares = splitPool({ pool, teams, method: even }).shares.map((share) => new Decimal(share.amount));
        const unit = new Decimal(10).pow(-Math.max(new Decimal(pool).decimalPlaces(), 2));
        expect(Decimal.max(...shares).minus(Decimal.min(...shares)).lte(unit)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
