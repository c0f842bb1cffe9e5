// Import everything at a location: a local file or folder, or an S3 prefix (s3://bucket/prefix).
// The CLI and the scheduled import both come through here.
import type { S3Client } from "@aws-sdk/client-s3";
import type { Database } from "../../db/client";
import { importFiles, type ImportOptions, type ImportResult } from "./import-files";
import { listLocalFiles } from "./local-files";
import { defaultS3Client, listS3Files } from "./s3-files";

export interface LocationOptions extends Omit<ImportOptions, "location"> {
  /** For s3:// locations; by default a client on the SDK's default chain and endpoint settings. */
  s3Client?: S3Client;
}

export async function importFromLocation(database: Database, location: string, options: LocationOptions = {}): Promise<ImportResult> {
  const files = location.startsWith("s3://") ? await listS3Files(options.s3Client ?? defaultS3Client(), location) : await listLocalFiles(location);
  return importFiles(database, files, { ...options, location });
}
