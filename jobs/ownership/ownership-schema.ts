// The shape of the ownership file (YAML), as zod schemas: what each field means is said here once.
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be a lowercase slug (a-z, 0-9, -)");
const environmentName = z.enum(["production", "development", "data", "shared"]);
const day = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) {
    ctx.addIssue({ code: "custom", message: "must be a day, YYYY-MM-DD" });
    return z.NEVER;
  }
  return text;
});
const amount = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = String(value);
  if (!/^\d+(\.\d+)?$/.test(text)) ctx.addIssue({ code: "custom", message: "must be a non-negative number" });
  return text;
});

const teamSchema = z.object({
  id: slug,
  name: z.string().min(1),
  slack: z.string().optional(),
  contact: z.string().optional(),
  tagValues: z.array(z.string().min(1)).default([]), // extra owner-tag values that mean this team
  services: z.array(z.string().min(1)).default([]), // Cost Explorer services this team owns outright
  resources: z.array(z.string().min(1)).default([]), // resource id / ARN globs
});
const groupSchema = z.object({ id: slug, name: z.string().min(1), teams: z.array(teamSchema).min(1) });
const orgSchema = z.object({ id: slug, name: z.string().min(1), groups: z.array(groupSchema).min(1) });

const poolSchema = z.object({
  id: slug,
  name: z.string().min(1),
  select: z
    .object({
      recordTypes: z.array(z.string().min(1)).optional(),
      services: z.array(z.string().min(1)).optional(),
      accounts: z.array(z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id")).optional(),
      unattributed: z.literal(true).optional(), // the residue no rule claimed
    })
    .refine((s) => Boolean(s.recordTypes || s.services || s.accounts || s.unattributed), "selects nothing")
    .refine((s) => !(s.unattributed && (s.recordTypes || s.services || s.accounts)), "unattributed cannot be combined with other selectors"),
  split: z.enum(["proportional", "even", "fixed"]),
  period: z.enum(["day", "month"]).default("month"), // proportional weights: that day's direct costs, or the month's through that day
  weights: z.record(z.string(), amount).optional(), // team -> weight, for split: fixed
  teams: z.array(slug).optional(), // teams, groups or orgs sharing the pool; default every team
});

// Shared clusters (docs/clusters.md): namespace -> owning team, in every cluster or in one; a cluster's
// owner takes what no pod label or namespace claims, and its idle (unused) cost goes by `idle`.
const namespaceOwners = z.record(z.string().min(1), slug);
const shareMessage = "must be a share between 0 and 1, e.g. 0.2";
const idleShare = z.number({ message: shareMessage }).min(0, shareMessage).max(1, shareMessage);
const clusterSchema = z
  .object({
    name: z.string().min(1), // aws:eks:cluster-name or aws:ecs:clusterName
    owner: slug.optional(),
    idle: z.enum(["owner", "proportional", "even"]).optional(), // default: owner when there is one, else proportional
    idleGoal: idleShare.optional(), // the idle share it is nudged above; default 0.25 (jobs/nudges/thresholds.ts)
    namespaces: namespaceOwners.default({}),
  })
  .refine((c) => c.idle !== "owner" || c.owner !== undefined, { message: "idle: owner needs the cluster's owner", path: ["idle"] });
const kubernetesSchema = z.object({ namespaces: namespaceOwners.default({}), clusters: z.array(clusterSchema).default([]) });

export const ownershipSchema = z.object({
  effectiveFrom: day.optional(),
  ownerTagKeys: z.array(z.string().min(1)).min(1).default(["team", "Team", "owner"]),
  environments: z
    .object({ tagKeys: z.array(z.string().min(1)).min(1), values: z.record(z.string(), environmentName) })
    .optional(),
  orgs: z.array(orgSchema).min(1),
  accounts: z
    .array(
      z.object({
        id: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
        owner: slug.optional(), // default owner of what no other rule claims in this account
        environment: environmentName.optional(),
      }),
    )
    .default([]),
  sharedCosts: z.array(poolSchema).default([]),
  kubernetes: kubernetesSchema.optional(),
});

export type Ownership = z.infer<typeof ownershipSchema>;
export type SharedCostPool = Ownership["sharedCosts"][number];
