// splitPool's exact split (split-pool.ts) for the hot loop of attribution through pods, on plain BigInt:
// amounts are counts of 10^-10 (the most places a pool may have), weights integers over one power of
// ten. Same results as splitPool for an ordered list of parts (ties to the lower index), without
// decimal.js, team ids or objects per call; the unit test checks it against splitPool.
import { MAX_SPLIT_SCALE, SplitPoolError } from "./split-pool";

/** Amounts in attribution through pods: counts of 10^-UNIT_PLACES. */
export const UNIT_PLACES = MAX_SPLIT_SCALE;
const UNIT = 10n ** BigInt(UNIT_PLACES);
/** splitPool's default scale never goes below cents. */
const MIN_SCALE = 2;
const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** A plain decimal string (as PostgreSQL writes numeric) as [sign, digits, places]. */
function parse(value: string): [bigint, string, string] {
  const match = PLAIN_DECIMAL.exec(value);
  if (!match) throw new SplitPoolError(`expected a plain decimal string, got ${JSON.stringify(value)}`);
  return [match[1] === "-" ? -1n : 1n, match[2]!, match[3] ?? ""];
}

/** An amount as a count of 10^-UNIT_PLACES; more places than that are refused, as splitPool refuses such a pool. */
export function toUnits(value: string): bigint {
  const [sign, whole, fraction] = parse(value);
  const places = fraction.replace(/0+$/, "");
  if (places.length > UNIT_PLACES) throw new SplitPoolError(`pool ${value} has ${places.length} decimal places; at most ${UNIT_PLACES} are supported`);
  return sign * BigInt(whole + places.padEnd(UNIT_PLACES, "0"));
}

/** Units written as decimal.js's toFixed() writes a decimal: no trailing zeros, never "-0". */
export function formatUnits(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(UNIT_PLACES + 1, "0");
  const fraction = digits.slice(-UNIT_PLACES).replace(/0+$/, "");
  const whole = digits.slice(0, -UNIT_PLACES);
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Proportional bases from decimal strings: zero or negative weights count as zero, all over one power of ten. */
export function weightBases(weights: string[]): bigint[] {
  const parsed = weights.map(parse);
  const places = Math.max(0, ...parsed.map(([, , fraction]) => fraction.length));
  return parsed.map(([sign, whole, fraction]) => {
    const basis = BigInt(whole + fraction.padEnd(places, "0"));
    return sign < 0n ? 0n : basis;
  });
}

/** Non-negative unit counts as bases (a team's summed parts), zero or negative as zero. */
export const unitBases = (amounts: bigint[]): bigint[] => amounts.map((amount) => (amount > 0n ? amount : 0n));

/**
 * `pool` (units) split by `bases` (non-negative; all zero or `even` splits evenly), exactly as
 * splitPool splits it: at the pool's decimal places (at least 2), |pool| by largest remainder with
 * ties to the lower index, negated for a negative pool. The parts in units, aligned with `bases`.
 */
export function splitUnits(pool: bigint, bases: bigint[], even = false): bigint[] {
  if (bases.length === 0) throw new SplitPoolError("cannot split a pool among no teams");
  const step = 10n ** BigInt(UNIT_PLACES - poolScale(pool)); // one unit of the pool's scale
  const weights = even || bases.every((basis) => basis === 0n) ? bases.map(() => 1n) : bases;
  const negative = pool < 0n;
  const units = (negative ? -pool : pool) / step;
  const parts = largestRemainder(units, weights);
  return parts.map((part) => (negative ? -part : part) * step);
}

/** The pool's decimal places without trailing zeros, at least MIN_SCALE (splitPool's default scale). */
function poolScale(pool: bigint): number {
  let places = UNIT_PLACES;
  let rest = pool < 0n ? -pool : pool;
  while (places > MIN_SCALE && rest % 10n === 0n) {
    rest /= 10n;
    places -= 1;
  }
  return places;
}

/** Hamilton apportionment, as split-pool.ts's: floor each quota, leftover units to the largest remainders, ties to the lower index. */
function largestRemainder(units: bigint, bases: bigint[]): bigint[] {
  let total = 0n;
  for (const basis of bases) total += basis;
  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let handedOut = 0n;
  for (const basis of bases) {
    const share = units * basis;
    parts.push(share / total);
    remainders.push(share % total);
    handedOut += share / total;
  }
  const leftover = Number(units - handedOut); // fewer than bases.length
  if (leftover > 0) {
    const order = bases.map((_, i) => i).sort((i, j) => (remainders[i] === remainders[j] ? i - j : remainders[i]! > remainders[j]! ? -1 : 1));
    for (const i of order.slice(0, leftover)) parts[i] = parts[i]! + 1n;
  }
  return parts;
}
