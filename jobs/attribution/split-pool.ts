// Splits a shared-cost pool among teams so the shares add back to the pool exactly, to the last unit.
// Pure: no I/O. All arithmetic is on BigInt counts of the smallest unit (10^-scale), so nothing rounds
// except the one deliberate step, the largest-remainder (Hamilton) hand-out of leftover units.
import Decimal from "decimal.js";

/** Most decimal places a pool or split unit may have; Tallyboard's cost numerics never carry more. */
export const MAX_SPLIT_SCALE = 10;
/** Default scale never goes below cents, so "100" still splits to 33.34/33.33/33.33. */
const MIN_DEFAULT_SCALE = 2;

export type SplitMethod =
  | { kind: "proportional" } // bases come from SplitInput.weights (each team's direct cost)
  | { kind: "even" }
  | { kind: "fixed"; weights: Record<string, string> }; // team -> weight, e.g. {"a":"60","b":"40"}

export interface SplitInput {
  /** Decimal string; may be negative (credits, refunds) or zero. */
  pool: string;
  /** Teams that share the pool; order does not matter, ids must be unique. */
  teams: string[];
  /** Proportional bases, team -> decimal string. Zero or negative bases count as zero. Ignored by other methods. */
  weights?: Record<string, string>;
  method: SplitMethod;
  /**
   * Decimal places of the unit to split in (0..10). Default: the pool's decimal places (trailing zeros
   * don't count), at least 2. Raised to the pool's decimal places if smaller, so the pool is always exact.
   */
  scale?: number;
}

export interface SplitShare {
  team: string;
  /** Decimal string with exactly `scale` decimal places; never "-0". */
  amount: string;
}

export interface SplitResult {
  /** One share per team, sorted by team id; amounts sum exactly to the pool. */
  shares: SplitShare[];
  /** Set when a proportional split had no positive basis and was split evenly instead. */
  fallback?: "even";
}

export class SplitPoolError extends Error {
  override name = "SplitPoolError";
}

export function splitPool(input: SplitInput): SplitResult {
  const teams = sortedTeams(input.teams);
  const pool = parseDecimal(input.pool, "pool");
  const scale = splitScale(pool, input.scale);
  const { bases, fallback } = splitBases(input, teams);
  const units = largestRemainder(scaledInteger(pool.abs(), scale), bases);
  // Split |pool| and negate, so a credit rounds toward zero exactly as a charge does.
  const sign = pool.isNegative() ? -1n : 1n;
  const shares = teams.map((team, i) => ({ team, amount: formatUnits(sign * (units[i] ?? 0n), scale) }));
  return fallback ? { shares, fallback } : { shares };
}

/**
 * Hamilton apportionment of `units` by `bases` (non-negative, positive sum): floor each exact quota,
 * then one leftover unit each to the largest remainders, ties to the lower index (teams are sorted by id).
 * Remainders are compared as integers over the common denominator, so ties are exact, not float noise.
 */
function largestRemainder(units: bigint, bases: bigint[]): bigint[] {
  const total = bases.reduce((sum, basis) => sum + basis, 0n);
  const parts = bases.map((basis) => (units * basis) / total);
  const remainders = bases.map((basis) => (units * basis) % total);
  const leftover = Number(units - parts.reduce((sum, part) => sum + part, 0n)); // < bases.length
  const byRemainder = bases
    .map((_, i) => i)
    .sort((i, j) => {
      const [ri, rj] = [remainders[i] ?? 0n, remainders[j] ?? 0n];
      return ri === rj ? i - j : ri > rj ? -1 : 1;
    });
  for (const i of byRemainder.slice(0, leftover)) parts[i] = (parts[i] ?? 0n) + 1n;
  return parts;
}

function sortedTeams(teams: string[]): string[] {
  if (teams.length === 0) throw new SplitPoolError("cannot split a pool among no teams");
  const seen = new Set<string>();
  for (const team of teams) {
    if (team === "") throw new SplitPoolError("team id must not be empty");
    if (seen.has(team)) throw new SplitPoolError(`team "${team}" is listed more than once`);
    seen.add(team);
  }
  // Code-unit order (plain sort), not localeCompare, so results don't depend on the machine's locale.
  return [...teams].sort();
}

function splitScale(pool: Decimal, requested: number | undefined): number {
  const poolPlaces = pool.decimalPlaces();
  if (poolPlaces > MAX_SPLIT_SCALE) {
    throw new SplitPoolError(`pool ${pool.toString()} has ${poolPlaces} decimal places; at most ${MAX_SPLIT_SCALE} are supported`);
  }
  if (requested === undefined) return Math.max(poolPlaces, MIN_DEFAULT_SCALE);
  if (!Number.isInteger(requested) || requested < 0 || requested > MAX_SPLIT_SCALE) {
    throw new SplitPoolError(`scale must be a whole number from 0 to ${MAX_SPLIT_SCALE}, got ${requested}`);
  }
  return Math.max(requested, poolPlaces);
}

function splitBases(input: SplitInput, teams: string[]): { bases: bigint[]; fallback?: "even" } {
  const even = teams.map(() => 1n);
  const { method } = input;
  if (method.kind === "even") return { bases: even };
  if (method.kind === "fixed") {
    const weights = weightsByTeam(method.weights, teams, "fixed weight");
    for (const [i, weight] of weights.entries()) {
      if (weight.lt(0)) throw new SplitPoolError(`fixed weight for team "${teams[i]}" is negative: ${weight.toString()}`);
    }
    const bases = scaledIntegers(weights);
    if (bases.every((basis) => basis === 0n)) throw new SplitPoolError("fixed weights are all zero; nothing to split by");
    return { bases };
  }
  if (input.weights === undefined) throw new SplitPoolError("a proportional split needs weights (each team's direct cost)");
  // A team with a net credit as its direct cost carries none of the shared pool, hence zero not negative.
  const weights = weightsByTeam(input.weights, teams, "weight").map((w) => (w.gt(0) ? w : new Decimal(0)));
  const bases = scaledIntegers(weights);
  if (bases.every((basis) => basis === 0n)) return { bases: even, fallback: "even" };
  return { bases };
}

/** Weights aligned with `teams`; a team without an entry weighs 0, an entry for an unknown team is an error. */
function weightsByTeam(weights: Record<string, string>, teams: string[], field: string): Decimal[] {
  const known = new Set(teams);
  for (const team of Object.keys(weights)) {
    if (!known.has(team)) throw new SplitPoolError(`${field} names team "${team}", which is not among the teams to split between`);
  }
  return teams.map((team) => {
    const weight = Object.hasOwn(weights, team) ? weights[team] : undefined;
    return weight === undefined ? new Decimal(0) : parseDecimal(weight, `${field} for team "${team}"`);
  });
}

// Plain or exponent notation (decimal.js's toString writes 1e-7); rejects hex, NaN, Infinity and numbers.
const DECIMAL_STRING = /^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i;

function parseDecimal(value: unknown, field: string): Decimal {
  if (typeof value !== "string" || !DECIMAL_STRING.test(value)) {
    throw new SplitPoolError(`${field} must be a decimal string, got ${JSON.stringify(value)}`);
  }
  return new Decimal(value);
}

/** |value| * 10^scale as an exact integer; toFixed never rounds to decimal.js's precision. */
function scaledInteger(value: Decimal, scale: number): bigint {
  return BigInt(value.toFixed(scale).replace(".", ""));
}

/** Non-negative weights as integers over one common power of ten, so their ratios are exact. */
function scaledIntegers(values: Decimal[]): bigint[] {
  const places = Math.max(0, ...values.map((value) => value.decimalPlaces()));
  return values.map((value) => scaledInteger(value, places));
}

function formatUnits(units: bigint, scale: number): string {
  const sign = units < 0n ? "-" : ""; // BigInt has no -0, so a zero share is never "-0.00"
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, "0");
  return scale === 0 ? sign + digits : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
