// The benchmark's cluster case (docs/clusters.md): a legacy CUR CSV in which half the line items are
// split cost allocation rows, as AWS writes them: per pod and hour a vCPU and a memory usage line
// (`splitLineItem/*`, no line-item cost of their own, the pod ARN as resource id, the EC2 instance as
// parent, `aws:eks:*` tags and for a quarter of the pods an owner label), beside the instances' own
// hourly lines and the plain case's ordinary lines. Per instance and hour the pods' split + unused
// cost is exactly the instance's amortized cost, so the import's split check passes.
import { addDays } from "../../db/calendar";
import type { Ownership } from "../../jobs/ownership/ownership-schema";
import { ACCOUNTS, CLAIMED_OWNERS, csvWriter, HEADER, monthRange, OWNERS, plainRow, random, type GeneratedFile } from "./generate-cur";

const CLUSTER_HEADER = [
  ...HEADER,
  "resourceTags/aws:eks:cluster-name", "resourceTags/aws:eks:namespace", "resourceTags/aws:eks:workload-name",
  "splitLineItem/SplitCost", "splitLineItem/UnusedCost", "splitLineItem/ParentResourceId", "splitLineItem/ReservedUsage",
  "splitLineItem/ActualUsage", "splitLineItem/SplitUsage", "splitLineItem/SplitUsageRatio",
];
const NO_CLUSTER_FIELDS = Array<string>(CLUSTER_HEADER.length - HEADER.length).fill("");
const TEAM_TAG = HEADER.indexOf("resourceTags/user:team");

/** Shared by twenty product teams: namespaces 0-19 each one team's, 20-23 nobody's (their cluster's owner takes them). */
export const NAMESPACES = Array.from({ length: 24 }, (_, i) => `ns-${String(i).padStart(2, "0")}`);
const NAMESPACE_TEAM = (i: number) => OWNERS[(i * 3) % 50]!;
/** Each cluster's owner (platform teams no tag rule claims) and idle policy: every policy, one cluster without an owner. */
export const CLUSTERS = [
  { name: "prod-eks", owner: OWNERS[50]!, idle: "proportional" as const },
  { name: "batch-eks", owner: OWNERS[51]!, idle: "even" as const },
  { name: "data-eks", owner: OWNERS[52]!, idle: "owner" as const },
  { name: "dev-eks", owner: undefined, idle: "proportional" as const },
];
/** Instance types: vCPUs, GiB, hourly cost in micro-dollars. */
const TYPES = [
  { name: "m5.2xlarge", vcpus: 8, gib: 32, micros: 384_000 },
  { name: "m5.4xlarge", vcpus: 16, gib: 64, micros: 768_000 },
  { name: "r5.4xlarge", vcpus: 16, gib: 128, micros: 1_008_000 },
  { name: "c5.9xlarge", vcpus: 36, gib: 72, micros: 1_530_000 },
];
/** A pod keeps its ARN for a shift of this many hours, then is replaced (a rollout, a rescheduled job). */
const POD_HOURS = 8;
const PODS_PER_INSTANCE_HOUR = 10;

/** The ownership file's `kubernetes:` section the generated clusters are attributed by. */
export function clusterOwnership(): Pick<Ownership, "kubernetes"> {
  const namespaces = Object.fromEntries(NAMESPACES.slice(0, 20).map((namespace, i) => [namespace, NAMESPACE_TEAM(i)]));
  return {
    kubernetes: {
      namespaces,
      // a cluster's own namespace rule before every cluster's: prod-eks's ns-00 belongs to another team there
      clusters: CLUSTERS.map((c) => ({ name: c.name, ...(c.owner ? { owner: c.owner } : {}), idle: c.idle, namespaces: c.name === "prod-eks" ? { "ns-00": OWNERS[49]! } : ({} as Record<string, string>) })),
    },
  };
}

const micros = (units: number) => `${Math.floor(units / 1e6)}.${String(units % 1e6).padStart(6, "0")}`;

/** `total` micro-units in integer parts by `weights` (cumulative rounding: the parts add up to `total`). */
function parts(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let before = 0;
  let cumulative = 0;
  return weights.map((weight) => {
    cumulative += weight;
    const upTo = Math.floor((total * cumulative) / sum);
    const part = upTo - before;
    before = upTo;
    return part;
  });
}

interface Instance {
  index: number;
  id: string;
  account: string;
  cluster: (typeof CLUSTERS)[number];
  type: (typeof TYPES)[number];
  savingsPlan: boolean;
}

/** `rows` line items over `months` whole months ending with `lastMonth`: half of them (rounded down to
 *  whole pods) split rows, on as many instances as keep about ten pods on each per hour (fewer in a small file). */
export async function generateClusterCur(path: string, rows: number, options: { months: number; lastMonth: string }): Promise<GeneratedFile> {
  const next = random(7);
  const { first, end, days } = monthRange(options.months, options.lastMonth);
  const hours = days * 24;
  const podHours = Math.floor(rows / 4); // two lines each: half the rows
  const instanceCount = Math.max(CLUSTERS.length, Math.round(podHours / (PODS_PER_INSTANCE_HOUR * hours))); // a node in every cluster
  const instanceHours = instanceCount * hours;
  const plain = rows - 2 * podHours - instanceHours;
  if (plain < 0) throw new Error(`${rows} rows are too few for a cluster over ${days} days (at least ${4 * hours})`);
  const instances: Instance[] = Array.from({ length: instanceCount }, (_, i) => {
    const cluster = CLUSTERS[i % CLUSTERS.length]!;
    return { index: i, id: `i-0${(0x5eed0000 + i).toString(16)}c1`, account: ACCOUNTS[CLUSTERS.indexOf(cluster)]!, cluster, type: TYPES[(i >> 2) % TYPES.length]!, savingsPlan: i % 3 === 0 };
  });

  const out = csvWriter(path);
  await out.row(CLUSTER_HEADER);
  let plainWritten = 0;
  let instanceHour = 0;
  for (let d = 0; d < days; d++) {
    const day = addDays(first, d);
    for (const upTo = Math.floor(((d + 1) * plain) / days); plainWritten < upTo; plainWritten++) await out.row([...plainRow(next, day), ...NO_CLUSTER_FIELDS]);
    for (let hour = 0; hour < 24; hour++) {
      for (const instance of instances) {
        const pods = Math.floor(((instanceHour + 1) * podHours) / instanceHours) - Math.floor((instanceHour * podHours) / instanceHours);
        instanceHour++;
        for (const row of instanceHourRows(next, instance, day, hour, pods)) await out.row(row);
      }
    }
  }
  return { path, rows, firstDay: first, lastDay: addDays(end, -1), bytes: await out.end() };
}

/** The instance's line for the hour and the vCPU and memory lines of the `pods` pods on it. */
function instanceHourRows(next: () => number, instance: Instance, day: string, hour: number, pods: number): string[][] {
  const start = `${day}T${String(hour).padStart(2, "0")}:00:00Z`;
  const cost = instance.type.micros;
  const line = (type: string, usageType: string, resourceId: string, amount: string, unblended: string, spEffective: string) => {
    return [
      `${day.slice(0, 8)}01T00:00:00Z`, instance.account, type, start, "AmazonEC2", usageType, resourceId, amount, unblended, unblended,
      "Amazon Elastic Compute Cloud", "AmazonEC2", "us-east-1", "0", spEffective, "", "", "", "", "production", "",
    ];
  };
  const instanceRow = [
    ...line(instance.savingsPlan ? "SavingsPlanCoveredUsage" : "Usage", `USE1-BoxUsage:${instance.type.name}`, instance.id, "1", instance.savingsPlan ? "0" : micros(cost), instance.savingsPlan ? micros(cost) : "0"),
    instance.cluster.name, "", "", "", "", "", "", "", "", "",
  ];
  if (pods === 0) return [instanceRow];
  // About 55-90% of the instance is allocated; the rest is unused, spread over the pods by the same ratios.
  const weights = Array.from({ length: pods }, () => 0.25 + next() * 2);
  const allocated = Math.floor(cost * (0.55 + next() * 0.35));
  const split = parts(allocated, weights);
  const unused = parts(cost - allocated, weights);
  const shift = Math.floor(hour / POD_HOURS);
  const total = weights.reduce((a, b) => a + b, 0);
  const rows = [instanceRow];
  for (let k = 0; k < pods; k++) {
    const seed = (instance.index * 31 + k * 7 + shift * 13 + Number.parseInt(day.slice(8), 10) * 17) % 997;
    const namespace = NAMESPACES[seed % NAMESPACES.length]!;
    const workload = `w${seed % 40}`;
    const pod = `arn:aws:eks:us-east-1:${instance.account}:pod/${instance.cluster.name}/${namespace}/${workload}-${instance.id.slice(-6)}${k}-${day.replaceAll("-", "")}${shift}`;
    const label = Math.floor(seed / NAMESPACES.length) % 4 === 0 ? CLAIMED_OWNERS[seed % CLAIMED_OWNERS.length]! : "";
    const ratio = weights[k]! / total;
    // The pod's part of the instance as vCPU (70%) and memory (the rest): the two lines add up to it.
    const vcpuSplit = Math.floor(split[k]! * 0.7);
    const vcpuUnused = Math.floor(unused[k]! * 0.7);
    for (const [resource, size, splitPart, unusedPart] of [
      ["vCPU", instance.type.vcpus, vcpuSplit, vcpuUnused],
      ["GB", instance.type.gib, split[k]! - vcpuSplit, unused[k]! - vcpuUnused],
    ] as const) {
      const reserved = size * ratio * 0.8;
      const actual = reserved * (0.2 + next());
      const row = line("Usage", `USE1-EKS-EC2-${resource}-Hours`, pod, actual.toFixed(4), "0", "0");
      row[TEAM_TAG] = label;
      rows.push([
        ...row, instance.cluster.name, namespace, workload, micros(splitPart), micros(unusedPart), instance.id,
        reserved.toFixed(4), actual.toFixed(4), Math.max(reserved, actual).toFixed(4), (Math.max(reserved, actual) / size).toFixed(6),
      ]);
    }
  }
  return rows;
}
