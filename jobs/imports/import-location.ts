// Import everything at a location: a local file or folder, or an S3 prefix (s3://bucket/prefix).
// The CLI and the scheduled import both come through here. Per billing period only the newest
// delivery's files are imported, as AWS's manifests name them (deliveries.ts); a location that
// cannot be read that way is refused before anything is written, and the refusal is a failed run.
import { text } from "node:stream/consumers";
import type { S3Client } from "@aws-sdk/client-s3";
import type { Database } from "../../db/client";
import { recordRun } from "../sync/job-runs";
import { DeliveryError, selectDeliveries } from "./deliveries";
import { importFiles, type ImportOptions, type ImportResult } from "./import-files";
import { listLocalLocation } from "./local-files";
import { defaultS3Client, listS3Location } from "./s3-files";

export interface LocationOptions extends Omit<ImportOptions, "location" | "deliveries"> {
  /** For s3:// locations; by default a client on the SDK's default chain and endpoint settings. */
  s3Client?: S3Client;
}

export async function importFromLocation(database: Database, location: string, options: LocationOptions = {}): Promise<ImportResult> {
  const entries = location.startsWith("s3://") ? await listS3Location(options.s3Client ?? defaultS3Client(), location) : await listLocalLocation(location);
  const manifests = await Promise.all(entries.manifests.map(async (entry) => ({ path: entry.path, name: entry.file.name, modified: entry.modified, text: await text(await entry.file.open()) })));
  let selection;
  try {
    selection = selectDeliveries(entries.data.map((entry) => ({ path: entry.path, name: entry.file.name, modified: entry.modified })), manifests);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    const run = await recordRun(database.db, { job: "import", source: location }, () => Promise.reject(error));
    return { run };
  }
  const chosen = new Set(selection.files);
  const files = entries.data.filter((entry) => chosen.has(entry.file.name)).map((entry) => entry.file);
  return importFiles(database, files, { ...options, location, deliveries: selection.deliveries });
}

