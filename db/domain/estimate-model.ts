// A cost estimate for a tech spec: what the author describes, and what Tallyboard answers from its
// own unit costs. Money and counts are decimal strings.

export interface Comparable {
  /** A team (its cost over its own operations) or a billed service (its cost over the company's headline operations). */
  kind: "team" | "service";
  id: string;
}

export interface EstimateInput {
  title: string;
  /** Expected operations per month once launched. */
  operationsPerMonth: string;
  /** What an operation is ("requests", "searches"): for the text only. */
  operationName: string;
  /** Billed services it will use (Cost Explorer names); empty = whatever the comparables use. */
  services: string[];
  comparables: Comparable[];
  /** The team that will own it, whose attributed cost is compared with the estimate after launch. */
  teamId: string | null;
  /** YYYY-MM, when it launches. */
  launchMonth: string | null;
  /** Months of unit costs to learn from, ending with the last complete month. */
  months: number;
}

export interface UnitCostSample {
  comparable: string;
  month: string;
  cost: string;
  operations: string;
  /** cost / operations, per one operation; null when the volume cannot carry a ratio. */
  unitCost: string | null;
}

export interface CostEstimate {
  /** The median sample's unit cost x the operations. */
  monthlyCost: string | null;
  low: string | null;
  high: string | null;
  /** The unit costs per `n` operations behind it. */
  unitCost: { n: number; median: string | null; low: string | null; high: string | null };
  samples: UnitCostSample[];
  basedOn: { from: string; to: string } | null;
  /** The reads that produced each sample, in words and as the API call that shows the same figures. */
  queries: string[];
  markdown: string;
}
