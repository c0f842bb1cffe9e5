// A small company's legacy CUR with split cost allocation data, one hour a day over a span of days:
// two EKS clusters and the pods on them, each instance's cost = its pods' split + unused cost (as AWS
// writes it). prod-eks (owner platform): api (owner label checkout, uses most of what it reserves),
// batch (namespace payments, uses 10% of its reserved vCPU), cron (from the 10th day only, also 10%);
// idle 2 of 8.5 a day (23.5%). jobs-eks (no owner): notebook in ml-scratch, a namespace nobody owns.
// Plus an S3 bucket of checkout's ($3 a day), so a team has cluster and ordinary spend; the account is
// a development one, so all of it is overhead in the per-engineer figures.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Decimal from "decimal.js";
import { daysBetween } from "../../db/calendar";
import type { Database } from "../../db/client";
import { importFromLocation } from "../../jobs/imports/import-location";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { layoutFiles, type LayoutRow } from "./layout-files";

export const CLUSTER_OWNERSHIP = (prodEks = "{ name: prod-eks, owner: platform, idleGoal: 0.2, namespaces: { payments: payments } }") => `
ownerTagKeys: [team]
orgs:
  - id: acme
    name: Acme
    groups:
      - id: product
        name: Product
        teams:
          - { id: checkout, name: Checkout }
          - { id: payments, name: Payments }
          - { id: platform, name: Platform }
kubernetes:
  clusters:
    - ${prodEks}
    - { name: jobs-eks }
accounts:
  - { id: "111111111111", environment: development }
`;

interface Pod {
  cluster: string;
  instance: string;
  namespace: string;
  workload: string;
  label?: string;
  /** vCPU then memory: [split cost, unused cost, reserved, actual] per day; split usage = max(reserved, actual). */
  vcpu: [string, string, string, string];
  memory: [string, string, string, string];
  fromDay?: number;
}

const PODS: Pod[] = [
  { cluster: "prod-eks", instance: "i-0prod1", namespace: "payments", workload: "api", label: "checkout", vcpu: ["2", "0.5", "1", "0.9"], memory: ["1.5", "0.5", "4", "3.6"] },
  { cluster: "prod-eks", instance: "i-0prod1", namespace: "payments", workload: "batch", vcpu: ["2", "0.5", "2", "0.2"], memory: ["1", "0.5", "4", "3"] },
  { cluster: "prod-eks", instance: "i-0prod1", namespace: "payments", workload: "cron", vcpu: ["0.5", "0", "1", "0.1"], memory: ["0.5", "0", "2", "0.2"], fromDay: 10 },
  { cluster: "jobs-eks", instance: "i-0jobs1", namespace: "ml-scratch", workload: "notebook", vcpu: ["2", "0.5", "1", "0.5"], memory: ["2", "0.5", "4", "2"] },
];

const line = (day: string, fields: Pick<LayoutRow, "usageType" | "resourceId" | "tags" | "cost" | "service" | "serviceCode"> & { split?: LayoutRow["split"] }): LayoutRow => ({
  type: "Usage", start: `${day}T05:00:00Z`, account: "111111111111", region: "us-east-1", invoice: "INV-1", ...fields,
});
const ec2 = { service: "Amazon Elastic Compute Cloud", serviceCode: "AmazonEC2" };

function podLines(day: string, pod: Pod): LayoutRow[] {
  const tags = { "aws:eks:cluster-name": pod.cluster, "aws:eks:namespace": pod.namespace, "aws:eks:workload-name": pod.workload, ...(pod.label ? { team: pod.label } : {}) };
  const arn = `arn:aws:eks:us-east-1:111111111111:pod/${pod.cluster}/${pod.namespace}/${pod.workload}-7d9c/${day}`;
  return (["vcpu", "memory"] as const).map((resource) => {
    const [splitCost, unusedCost, reserved, actual] = pod[resource];
    const splitUsage = Decimal.max(reserved, actual).toString();
    return line(day, { ...ec2, usageType: resource === "vcpu" ? "USE1-EKS-EC2-vCPU-Hours" : "USE1-EKS-EC2-GB-Hours", resourceId: arn, tags, cost: "0", split: { splitCost, unusedCost, parent: pod.instance, reserved, actual, splitUsage, ratio: "0.25" } });
  });
}

/** Every day from `first` through `last`: the instances at their pods' split + unused cost, the pods' lines, checkout's bucket. */
export function clusterCurRows(first: string, last: string): LayoutRow[] {
  return daysBetween(first, last).flatMap((day, index) => {
    const pods = PODS.filter((pod) => index + 1 >= (pod.fromDay ?? 1));
    const instances = [...new Set(pods.map((pod) => pod.instance))].map((instance) => {
      const on = pods.filter((pod) => pod.instance === instance);
      const cost = on.reduce((sum, pod) => sum.plus(pod.vcpu[0]).plus(pod.vcpu[1]).plus(pod.memory[0]).plus(pod.memory[1]), new Decimal(0));
      return line(day, { ...ec2, usageType: "BoxUsage:m5.2xlarge", resourceId: instance, tags: { "aws:eks:cluster-name": on[0]!.cluster }, cost: cost.toString() });
    });
    const bucket = line(day, { service: "Amazon Simple Storage Service", serviceCode: "AmazonS3", usageType: "TimedStorage-ByteHrs", resourceId: "checkout-assets", tags: { team: "checkout" }, cost: "3" });
    return [...instances, ...pods.flatMap((pod) => podLines(day, pod)), bucket];
  });
}

export const CLUSTER_CUR_SPAN = { first: "2024-09-01", last: "2024-09-16" } as const;

/** The ownership file applied from `first`, then the CUR of `first`..`last` imported (and attributed) as a file. */
export async function importClusterCur(database: Database, span: { first: string; last: string }): Promise<void> {
  await applyOwnership(database.db, parseOwnership(CLUSTER_OWNERSHIP(), "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: span.first });
  const path = join(mkdtempSync(join(tmpdir(), "tallyboard-cluster-cur-")), "cur.csv");
  writeFileSync(path, layoutFiles.legacyCsv(clusterCurRows(span.first, span.last)));
  const { run } = await importFromLocation(database, path);
  if (run.error) throw new Error(`the cluster CUR import failed: ${run.error}`);
}
