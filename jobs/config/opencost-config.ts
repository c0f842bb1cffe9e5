// The OpenCost APIs pulled on a schedule (jobs/imports/opencost/pull-opencost.ts), read with the rest of
// the configuration: one API per cluster without split data, named as the bill names the cluster.
import { Cron } from "croner";
import { z } from "zod";
import { ConfigError } from "./config-error";

export interface OpenCostCluster {
  /** The cluster's name in the bill (aws:eks:cluster-name, kubernetes.io/cluster/<name>), OpenCost's CLUSTER_ID. */
  name: string;
  /** The API's base URL (http://opencost.opencost:9003), without credentials. */
  url: string;
}

export interface OpenCostConfig {
  clusters: OpenCostCluster[];
  /** Sent as `Authorization: Bearer <token>` when the APIs sit behind an authenticating proxy; never logged or stored. */
  token: string | null;
  cron: string;
  /** How many whole UTC days before today each pull asks for (OpenCost refines a day's figures for a while after it). */
  days: number;
  /** `namespace` or `label:<key>` (an owner label). */
  aggregate: string;
}

const openCostEnv = z.object({
  OPENCOST_CLUSTERS: z.string().default(""),
  OPENCOST_TOKEN: z.string().min(1).optional(),
  OPENCOST_CRON: z.string().default("50 */6 * * *"),
  OPENCOST_DAYS: z.coerce.number().int().min(1).max(31).default(3),
  OPENCOST_AGGREGATE: z.string().regex(/^(namespace|label:[A-Za-z0-9_./-]+)$/, "expected namespace or label:<key>").default("namespace"),
});

/** null when OPENCOST_CLUSTERS names none. */
export function loadOpenCostConfig(env: NodeJS.ProcessEnv): OpenCostConfig | null {
  const parsed = openCostEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const e = parsed.data;
  const clusters = e.OPENCOST_CLUSTERS.split(",").map((entry) => entry.trim()).filter(Boolean).map((entry, i) => parseCluster(entry, i + 1));
  if (clusters.length === 0) return null;
  const names = clusters.map((cluster) => cluster.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new ConfigError("OPENCOST_CLUSTERS", `names cluster "${twice}" twice`);
  try {
    new Cron(e.OPENCOST_CRON, { paused: true }).stop();
  } catch (error) {
    throw new ConfigError("OPENCOST_CRON", `not a cron pattern (${(error as Error).message})`);
  }
  return { clusters, token: e.OPENCOST_TOKEN ?? null, cron: e.OPENCOST_CRON, days: e.OPENCOST_DAYS, aggregate: e.OPENCOST_AGGREGATE };
}

function parseCluster(entry: string, position: number): OpenCostCluster {
  const match = /^([^=\s]+)=(.+)$/.exec(entry);
  if (!match) throw new ConfigError("OPENCOST_CLUSTERS", `entry ${position} is not cluster=url (onprem-k8s=http://opencost.opencost:9003)`); // not echoed: it may hold a password
  const [, name, written] = match as unknown as [string, string, string];
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    throw new ConfigError("OPENCOST_CLUSTERS", `the URL of cluster "${name}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError("OPENCOST_CLUSTERS", `the URL of cluster "${name}" must be http:// or https://`);
  // A password in the URL would travel into logs and run records with it.
  if (url.username || url.password) throw new ConfigError("OPENCOST_CLUSTERS", `the URL of cluster "${name}" holds credentials: give them as OPENCOST_TOKEN`);
  if (url.search || url.hash) throw new ConfigError("OPENCOST_CLUSTERS", `the URL of cluster "${name}" must be the API's base, without ?query or #fragment`);
  return { name, url: url.toString().replace(/\/+$/, "") };
}
