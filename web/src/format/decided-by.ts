// Human names for attributed_costs.decided_by and for a rule's kind, shared by the Team page,
// the Why panel and the Ownership page's rule list.

export const DECIDED_BY: Record<string, { label: string; why: string }> = {
  resource: { label: "Resource pattern", why: "The resource id matches a resource pattern rule for this team." },
  tag: { label: "Owner tag", why: "The line carries an owner tag whose value a rule maps to this team." },
  service: { label: "Service owner", why: "No owner tag; this team owns the service." },
  account: { label: "Account owner", why: "No owner tag; this team owns the account by default." },
  split: { label: "Shared cost split", why: "A shared-cost pool, split across teams." },
  unattributed: { label: "No owner", why: "No rule matched: no owner tag, and no service or account owner." },
  // Shared clusters (docs/clusters.md): an instance's cost through the pods that ran on it.
  "pod-label": { label: "Pod owner label", why: "A pod or task on a shared cluster carries an owner label a rule maps to this team." },
  namespace: { label: "Namespace owner", why: "A pod on a shared cluster runs in a namespace this team owns." },
  cluster: { label: "Cluster owner", why: "A pod on a cluster this team owns, with no owner label or namespace owner." },
  idle: { label: "Cluster idle", why: "This team's part of a shared cluster's unused capacity, by the cluster's idle policy." },
};

export const decidedByLabel = (decidedBy: string) => DECIDED_BY[decidedBy]?.label ?? decidedBy;

/** A rule's kind as the rule list and editor name it; the kinds are the decided_by values a rule can produce. */
export const RULE_KINDS = [
  { value: "tag", label: "Owner tag", matchLabel: "Owner tag value", placeholder: "e.g. ml-research" },
  { value: "account", label: "Account owner", matchLabel: "AWS account id", placeholder: "12 digits" },
  { value: "service", label: "Service owner", matchLabel: "Service", placeholder: "e.g. Amazon Simple Storage Service" },
  { value: "resource", label: "Resource pattern", matchLabel: "Resource id pattern", placeholder: "arn:aws:s3:::logs-*" },
] as const;

export type RuleKind = (typeof RULE_KINDS)[number]["value"];

export const ruleKindLabel = (kind: string) => RULE_KINDS.find((k) => k.value === kind)?.label ?? kind;

const SPLIT_METHODS: Record<string, string> = {
  proportional: "in proportion to each team's direct cost",
  even: "evenly across its teams",
  fixed: "by fixed percentages",
};

export const splitMethodLabel = (method: string | null) => (method ? (SPLIT_METHODS[method] ?? method) : "by an unknown method");
