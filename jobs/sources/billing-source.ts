// Where billing data comes from: live AWS, or the demo company answering in the same shapes.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CostExplorerApi, TaggingApi } from "./aws-apis";
import type { CommitmentsApi } from "./commitments-api";
import { CommitmentsEmulator } from "./fixtures/commitments-emulator";
import { loadBillingDataset } from "./fixtures/dataset";
import { CostExplorerEmulator } from "./fixtures/cost-explorer-emulator";
import { TaggingEmulator } from "./fixtures/tagging-emulator";

export interface BillingSource {
  name: "aws" | "demo" | "exports";
  description: string;
  costExplorer: CostExplorerApi;
  tagging: TaggingApi;
  commitments: CommitmentsApi;
  regions: string[];
  /** The day a sync runs on: the real date for AWS, the fixture's own date for the demo. */
  today(): string;
  /** An export location that comes with the source (the demo's CUR), imported before each cost sync. */
  bundledExports?: string;
}

export function awsSource(regions: string[], apis: Pick<BillingSource, "costExplorer" | "tagging" | "commitments">): BillingSource {
  return {
    name: "aws",
    description: `AWS Cost Explorer + Tagging API (${regions.join(", ")})`,
    ...apis,
    regions,
    today: () => new Date().toISOString().slice(0, 10),
  };
}

/** The demo folder's export: the containers account's CUR with split cost allocation data. */
export const DEMO_EXPORT_FOLDER = "cur";

export function demoSource(demoDir: string): BillingSource {
  const dataset = loadBillingDataset(demoDir);
  const exports = join(demoDir, DEMO_EXPORT_FOLDER);
  return {
    name: "demo",
    description: `demo company "${dataset.manifest.company}" from ${demoDir}`,
    costExplorer: new CostExplorerEmulator(dataset.rows, dataset.accounts),
    tagging: new TaggingEmulator(dataset.resources),
    commitments: new CommitmentsEmulator(dataset.rows),
    regions: dataset.manifest.regions,
    today: () => dataset.manifest.asOf,
    ...(existsSync(exports) ? { bundledExports: exports } : {}),
  };
}

/** Exports only: billing comes from CUR / FOCUS files. Every AWS API refuses, so a call that slipped
 *  through is a loud bug rather than a silent request (and, for Cost Explorer, a charge). */
export function exportsSource(): BillingSource {
  const refuse = (api: string) => () => Promise.reject(new Error(`TALLYBOARD_SOURCE=exports makes no ${api} calls`));
  return {
    name: "exports",
    description: "CUR / FOCUS exports only (no Cost Explorer or Tagging API calls)",
    costExplorer: { getCostAndUsage: refuse("Cost Explorer"), getDimensionValues: refuse("Cost Explorer") },
    tagging: { getResources: refuse("Tagging API") },
    commitments: new Proxy({} as CommitmentsApi, { get: (_, name) => refuse(`Cost Explorer (${String(name)})`) }),
    regions: [],
    today: () => new Date().toISOString().slice(0, 10),
  };
}
