// Where a file sits in the S3 layouts AWS delivers exports in (docs/export-deliveries.md), read from
// its path alone, and what a manifest says. Pure: no I/O.
//   legacy CUR:   <prefix>/<report>/<yyyymmdd-yyyymmdd>/[<assemblyId>/]<report>-<n>.csv.gz
//                 <prefix>/<report>/<report>/year=<yyyy>/month=<m>/<report>-<n>.parquet (Athena)
//   Data Exports: <prefix>/<export>/data/BILLING_PERIOD=<yyyy-mm>/[<execution>/]<export>-<n>.<ext>
//                 <prefix>/<export>/metadata/BILLING_PERIOD=<yyyy-mm>/[<execution>/]<export>-Manifest.json

/** A data file's or manifest's place: the billing period of one report/export, and the delivery folder. */
export interface Place {
  /** One report's or export's billing period: deliveries in one group replace each other. */
  group: string;
  period: string; // yyyy-mm
  /** The folder of one delivery: the assembly or execution folder, or the period's folder when AWS overwrites. */
  folder: string;
  /** For a manifest: does it speak for the whole period (the one AWS rewrites each delivery) or for one delivery? */
  level: "period" | "delivery";
}

export interface Manifest {
  name: string;
  /** assemblyId (legacy CUR) or executionId (Data Exports). */
  id: string;
  /** yyyy-mm of billingPeriod.start; null when the manifest has none. */
  period: string | null;
  /** The data files it names, as S3 keys (bucket-relative). */
  files: string[];
}

export class DeliveryError extends Error {}

export const isManifestName = (path: string) => /-Manifest\.json$/.test(path);

const RANGE = /^(\d{4})(\d{2})\d{2}-\d{8}$/;
const PARTITION = /^BILLING_PERIOD=(\d{4}-\d{2})$/;

export function placeOf(path: string): Place | null {
  const segments = path.split("/");
  const depth = segments.length - 1; // index of the file name
  const join = (end: number) => segments.slice(0, end).join("/");
  // rootEnd: where the report/export root ends; periodEnd: where the period's folder ends.
  const place = (kind: string, rootEnd: number, periodEnd: number, period: string): Place => {
    const nested = depth > periodEnd;
    return { group: `${kind}:${join(rootEnd)}:${period}`, period, folder: join(nested ? periodEnd + 1 : periodEnd), level: nested ? "delivery" : "period" };
  };
  for (let i = depth - 2; i >= 0; i--) {
    const partition = PARTITION.exec(segments[i + 1]!);
    if (partition && (segments[i] === "data" || segments[i] === "metadata")) return place("export", i, i + 2, partition[1]!);
  }
  for (let i = depth - 1; i >= 0; i--) {
    const range = RANGE.exec(segments[i]!);
    if (range) return place("cur", i, i + 1, `${range[1]}-${range[2]}`);
    const month = /^month=(\d{1,2})$/.exec(segments[i]!);
    const year = i > 0 ? /^year=(\d{4})$/.exec(segments[i - 1]!) : null;
    if (month && year) return place("cur", i - 1, i + 1, `${year[1]}-${month[1]!.padStart(2, "0")}`);
  }
  return null;
}

/** The manifest's fields this import relies on; a clear error naming the manifest and field otherwise. */
export function parseManifest(name: string, text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeliveryError(`${name}: not valid JSON (${(error as Error).message})`);
  }
  const fields = (json ?? {}) as Record<string, unknown>;
  const legacy = "reportKeys" in fields || "assemblyId" in fields;
  const idField = legacy ? "assemblyId" : "executionId";
  const listField = legacy ? "reportKeys" : "dataFiles";
  if (!legacy && !("dataFiles" in fields) && !("executionId" in fields)) {
    throw new DeliveryError(`${name}: not a CUR or Data Exports manifest (no assemblyId/reportKeys or executionId/dataFiles)`);
  }
  const id = fields[idField];
  if (typeof id !== "string" || id === "") throw new DeliveryError(`${name}: field ${idField} is missing`);
  const list = fields[listField];
  if (!Array.isArray(list) || list.some((file) => typeof file !== "string")) throw new DeliveryError(`${name}: field ${listField} is not a list of files`);
  if (list.length === 0) throw new DeliveryError(`${name}: field ${listField} names no data files`);
  const start = (fields.billingPeriod as { start?: unknown } | undefined)?.start;
  // Legacy manifests write 20240901T000000.000Z; accept ISO 2024-09-01T00:00:00Z as well.
  const period = typeof start === "string" ? /^(\d{4})-?(\d{2})/.exec(start) : null;
  if (start !== undefined && !period) throw new DeliveryError(`${name}: field billingPeriod.start "${String(start)}" is not a date`);
  return { name, id, period: period ? `${period[1]}-${period[2]}` : null, files: (list as string[]).map((file) => file.replace(/^s3:\/\/[^/]+\//, "")) };
}

/** Does a manifest's key name this listed path? Paths are relative to the location, keys to the bucket. */
export function namesPath(key: string, path: string): boolean {
  return key === path || key.endsWith(`/${path}`) || path.endsWith(`/${key}`);
}

export const fileKind = (path: string) => (/\.parquet$/i.test(path) ? "Parquet" : "CSV");
