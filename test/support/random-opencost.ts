// Random clusters without split data for the attribution property tests: EC2 instance lines of an
// account of their own, tagged for a cluster by aws:eks:cluster-name, by kubernetes.io/cluster/<name>
// (owned or shared) or not at all, and OpenCost allocations of some of those cluster-days (namespaces,
// label aggregates, __unallocated__, __idle__; totals with up to 6 places, some zero or negative).
import fc from "fast-check";
import type { DbOrTx } from "../../db/client";
import { costLineItems, opencostAllocations } from "../../db/schema";
import { amountArbitrary } from "./random-bills";
import { CLUSTERS, NAMESPACES } from "./random-clusters";

export const OPENCOST_ACCOUNT = "666666666666";

export interface OpenCostInstanceLine {
  day: string;
  instance: string;
  cluster: string;
  tagging: "eks" | "owned" | "shared" | "untagged";
  unblended: string;
  amortized: string;
  netAmortized: string;
}

export interface RandomAllocation {
  day: string;
  cluster: string;
  name: string;
  totalCost: string;
}

const total = fc.tuple(fc.integer({ min: -500_000, max: 5_000_000 }), fc.nat(6)).map(([units, places]) => {
  const digits = Math.abs(units).toString().padStart(places + 1, "0");
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return units < 0 ? `-${text}` : text;
});

export function openCostArbitrary(days: string[]): fc.Arbitrary<{ lines: OpenCostInstanceLine[]; allocations: RandomAllocation[] }> {
  const line = fc.record({
    day: fc.constantFrom(...days),
    instance: fc.nat(3).map((n) => `i-oc${n}`),
    cluster: fc.constantFrom(...CLUSTERS),
    tagging: fc.constantFrom("eks" as const, "owned" as const, "shared" as const, "untagged" as const),
    unblended: amountArbitrary,
    amortized: amountArbitrary,
    netAmortized: amountArbitrary,
  });
  const names = fc.constantFrom(...NAMESPACES, "kube-system", "team=checkout", "team=nobody", "__unallocated__", "__idle__");
  const allocation = fc.record({ day: fc.constantFrom(...days), cluster: fc.constantFrom(...CLUSTERS), name: names, totalCost: total });
  return fc.record({
    lines: fc.array(line, { minLength: 1, maxLength: 8 }),
    allocations: fc.uniqueArray(allocation, { maxLength: 12, selector: (a) => `${a.day} ${a.cluster} ${a.name}` }),
  });
}

export async function insertOpenCost(db: DbOrTx, lines: OpenCostInstanceLine[], allocations: RandomAllocation[]): Promise<void> {
  const tags = (l: OpenCostInstanceLine): Record<string, string> =>
    l.tagging === "eks" ? { "aws:eks:cluster-name": l.cluster } : l.tagging === "untagged" ? {} : { [`kubernetes.io/cluster/${l.cluster}`]: l.tagging };
  await db.insert(costLineItems).values(lines.map((l, i) => ({
    day: l.day, accountId: OPENCOST_ACCOUNT, service: "Amazon Elastic Compute Cloud", recordType: "Usage", usageType: "BoxUsage:m5.large", resourceId: l.instance, usageHour: i % 24,
    tags: tags(l), source: "cur", batchId: 0, unblendedCost: l.unblended, amortizedCost: l.amortized, netAmortizedCost: l.netAmortized,
  })));
  if (allocations.length === 0) return;
  await db.insert(opencostAllocations).values(allocations.map((a) => {
    const label = /^([^=]+)=(.*)$/.exec(a.name);
    const special = a.name.startsWith("__");
    return {
      cluster: a.cluster, day: a.day, name: a.name, namespace: special || label ? null : a.name, labelKey: label?.[1] ?? null, labelValue: label?.[2] ?? null, idle: a.name === "__idle__",
      cpuCost: a.totalCost, gpuCost: "0", ramCost: "0", pvCost: "0", networkCost: "0", totalCost: a.totalCost, sourceFile: "random.json",
    };
  }));
}

/** The cluster-days whose allocations weigh: a positive total of positive totalCosts. */
export function weighedClusterDays(allocations: RandomAllocation[]): Set<string> {
  const sums = new Map<string, number>();
  for (const a of allocations) sums.set(`${a.day} ${a.cluster}`, (sums.get(`${a.day} ${a.cluster}`) ?? 0) + Math.max(Number(a.totalCost), 0));
  return new Set([...sums].filter(([, sum]) => sum > 0).map(([key]) => key));
}
