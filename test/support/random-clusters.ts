// Random shared clusters for the attribution property tests: a `kubernetes:` section for a random
// ownership file (namespace owners, clusters with or without owners and idle policies) and EC2
// instance-hours of a CUR account of their own, each with the split lines of 1-4 pods (owner labels
// or not, known or unknown namespaces and clusters, split and unused costs with up to 6 places).
import fc from "fast-check";
import type { DbOrTx } from "../../db/client";
import { costLineItems } from "../../db/schema";
import type { Ownership } from "../../jobs/ownership/ownership-schema";
import { amountArbitrary, teamsOf, validOwnership } from "./random-bills";

export const CLUSTER_ACCOUNT = "444444444444";
export const CLUSTERS = ["prod-eks", "jobs-ecs", "dev-eks"];
export const NAMESPACES = ["payments", "search", "web", "batch"];

export interface PodPart {
  pod: string;
  cluster: string;
  namespace: string;
  label: string | null;
  split: string;
  unused: string;
}

export interface InstanceHour {
  day: string;
  hour: number;
  instance: string;
  recordType: string;
  unblended: string;
  amortized: string;
  netAmortized: string;
  pods: PodPart[];
}

const share = fc.tuple(fc.nat(5_000_000), fc.nat(6)).map(([units, places]) => {
  const digits = units.toString().padStart(places + 1, "0");
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
});

/** The file with a random `kubernetes:` section over its own teams. */
export function withClusters(ownership: Ownership): fc.Arbitrary<Ownership> {
  const teams = teamsOf(ownership).map((team) => team.id);
  const owners = (keys: string[]) => fc.subarray(keys).chain((picked) => fc.tuple(...picked.map(() => fc.constantFrom(...teams))).map((owned) => Object.fromEntries(picked.map((key, i) => [key, owned[i]!]))));
  const cluster = (name: string) =>
    fc.record({ owner: fc.option(fc.constantFrom(...teams), { nil: undefined }), idle: fc.constantFrom("owner", "proportional", "even", undefined), namespaces: owners(NAMESPACES) }).map(({ owner, idle, namespaces }) => ({
      name,
      ...(owner ? { owner } : {}),
      ...(idle && (idle !== "owner" || owner) ? { idle } : {}),
      namespaces,
    }));
  return fc
    .record({ namespaces: owners(NAMESPACES), clusters: fc.subarray(CLUSTERS, { minLength: 1 }).chain((names) => fc.tuple(...names.map(cluster))) })
    .map((kubernetes) => validOwnership({ ...ownership, kubernetes }))
    .filter((valid): valid is Ownership => valid !== null);
}

/** 1-6 instance-hours over the bill's days, each with 1-4 pods, at least one with a positive share. */
export function instanceHoursArbitrary(ownership: Ownership, days: string[]): fc.Arbitrary<InstanceHour[]> {
  const labels = [...teamsOf(ownership).map((team) => team.id), "nobody"];
  const pod = fc.record({
    pod: fc.constantFrom("api", "worker", "cron", "web").chain((name) => fc.nat(3).map((n) => `arn:aws:eks:us-east-1:${CLUSTER_ACCOUNT}:pod/${name}-${n}`)),
    cluster: fc.constantFrom(...CLUSTERS, "unknown-eks"),
    namespace: fc.constantFrom(...NAMESPACES, "kube-system"),
    label: fc.option(fc.constantFrom(...labels), { nil: null }),
    split: share,
    unused: share,
  });
  const hour = fc.record({
    day: fc.constantFrom(...days),
    hour: fc.nat(23),
    instance: fc.nat(3).map((n) => `i-node${n}`),
    recordType: fc.constantFrom("Usage", "SavingsPlanCoveredUsage"),
    unblended: amountArbitrary,
    amortized: amountArbitrary,
    netAmortized: amountArbitrary,
    pods: fc.uniqueArray(pod, { minLength: 1, maxLength: 4, selector: (p) => p.pod }).filter((pods) => pods.some((p) => Number(p.split) + Number(p.unused) > 0)),
  });
  return fc.array(hour, { minLength: 1, maxLength: 6 });
}

/** Writes each instance-hour as a CUR would: the instance's line, and a vCPU and a memory line per pod (no line-item cost of their own). */
export async function insertInstanceHours(db: DbOrTx, hours: InstanceHour[]): Promise<void> {
  const base = { accountId: CLUSTER_ACCOUNT, service: "Amazon Elastic Compute Cloud", source: "cur", batchId: 0 };
  const rows = hours.flatMap((h) => [
    { ...base, day: h.day, recordType: h.recordType, usageType: "BoxUsage:m5.xlarge", resourceId: h.instance, usageHour: h.hour, tags: {}, unblendedCost: h.unblended, amortizedCost: h.amortized, netAmortizedCost: h.netAmortized },
    ...h.pods.flatMap((p) =>
      ["vCPU", "GB"].map((unit, i) => ({
        ...base, day: h.day, recordType: "Usage", usageType: `USE1-EKS-EC2-${unit}-Hours`, resourceId: p.pod, usageHour: h.hour, parentResourceId: h.instance,
        tags: { "aws:eks:cluster-name": p.cluster, "aws:eks:namespace": p.namespace, ...(p.label ? { team: p.label } : {}) },
        unblendedCost: "0", amortizedCost: "0", netAmortizedCost: "0", splitCost: i === 0 ? p.split : "0", unusedCost: i === 0 ? p.unused : "0",
      })),
    ),
  ]);
  await db.insert(costLineItems).values(rows);
}

/** The team a pod's rules pick, read from the file by hand: its owner label, its namespace in its cluster, in every cluster, its cluster's owner. */
export function expectedPodTeam(ownership: Ownership, pod: PodPart): { team: string; decidedBy: string } {
  const keys = ownership.ownerTagKeys;
  const label = keys.includes("team") ? pod.label : null; // the generated label is under `team`
  const byLabel = label ? teamsOf(ownership).find((team) => [team.id, ...team.tagValues].some((value) => value.trim().toLowerCase() === label)) : undefined;
  if (byLabel) return { team: byLabel.id, decidedBy: "pod-label" };
  const cluster = ownership.kubernetes?.clusters.find((c) => c.name === pod.cluster);
  const namespaceOwner = cluster?.namespaces[pod.namespace] ?? ownership.kubernetes?.namespaces[pod.namespace];
  if (namespaceOwner) return { team: namespaceOwner, decidedBy: "namespace" };
  if (cluster?.owner) return { team: cluster.owner, decidedBy: "cluster" };
  return { team: "unattributed", decidedBy: "unattributed" };
}
