// Which files of a location to import: per report/export and billing period, only the newest
// delivery's, as its manifest names them. Never two deliveries of one period summed: without a
// manifest to choose between them the location is refused. Pure: the listing and the manifests'
// text come in, the chosen files go out (docs/export-deliveries.md).
import { DeliveryError, fileKind, namesPath, parseManifest, placeOf, type Manifest, type Place } from "./delivery-layout";

export { DeliveryError } from "./delivery-layout";

export interface ListedFile {
  /** Relative to the location ("/"-separated), for S3 the object key: matched against manifests' keys. */
  path: string;
  /** As shown to the user and recorded on batches (path or s3:// URL). */
  name: string;
  /** Last modified, ms since the epoch: orders deliveries that each have only their own manifest. */
  modified: number;
}

export interface ListedManifest extends ListedFile {
  text: string;
}

/** What was imported for one billing period of one report/export (on the run's details). */
export interface DeliveryChoice {
  period: string;
  /** The delivery's folder: assembly or execution folder, or the period's folder for overwritten reports. */
  folder: string;
  /** assemblyId / executionId from the manifest that chose it; null without a manifest. */
  id: string | null;
  manifest: string | null;
  files: number;
  /** Files of the period left out: older deliveries, or files the manifest does not name. */
  skipped: string[];
}

export interface Selection {
  /** Names of the files to import, in listing order. */
  files: string[];
  deliveries: DeliveryChoice[];
}

interface Group {
  period: string;
  files: (ListedFile & Place)[];
  manifests: (ListedManifest & Place)[];
}

export function selectDeliveries(files: ListedFile[], manifests: ListedManifest[]): Selection {
  const groups = new Map<string, Group>();
  const loose: ListedFile[] = [];
  const groupOf = (place: Place) => groups.get(place.group) ?? groups.set(place.group, { period: place.period, files: [], manifests: [] }).get(place.group)!;
  // The layout is read from the full name (path or s3:// URL): a location inside an export (its
  // data/ folder, say) still shows the folders around it. Folders come out as the user sees them.
  for (const file of files) {
    const place = placeOf(file.name);
    if (place) groupOf(place).files.push({ ...file, ...place });
    else loose.push(file);
  }
  for (const manifest of manifests) {
    const place = placeOf(manifest.name);
    if (place) groupOf(place).manifests.push({ ...manifest, ...place });
  }
  const chosen = new Set(loose.map((file) => file.name));
  const deliveries: DeliveryChoice[] = [];
  for (const group of groups.values()) {
    if (group.files.length === 0) continue; // a manifest whose data was not listed (e.g. outside the location)
    const choice = chooseDelivery(group, files);
    for (const file of choice.files) chosen.add(file.name);
    deliveries.push({ period: group.period, folder: choice.folder, id: choice.manifest?.id ?? null, manifest: choice.manifest?.name ?? null, files: choice.files.length, skipped: group.files.filter((file) => !choice.files.includes(file)).map((file) => file.name) });
  }
  refuseMixedKinds([...groups.values()], chosen);
  return { files: files.filter((file) => chosen.has(file.name)).map((file) => file.name), deliveries: deliveries.sort((a, b) => a.period.localeCompare(b.period) || a.folder.localeCompare(b.folder)) };
}

function chooseDelivery(group: Group, listed: ListedFile[]): { files: ListedFile[]; folder: string; manifest: Manifest | null } {
  const parsed = group.manifests.map((listedManifest) => ({ listed: listedManifest, manifest: parseManifest(listedManifest.name, listedManifest.text) }));
  for (const { manifest } of parsed) {
    if (manifest.period !== null && manifest.period !== group.period) {
      throw new DeliveryError(`${manifest.name}: billingPeriod starts in ${manifest.period} but the manifest is in the folder of ${group.period}: nothing imported`);
    }
  }
  // The period's own manifest (AWS rewrites it with each delivery) names the newest delivery; else
  // the newest of the deliveries' own manifests.
  const periodLevel = parsed.filter((m) => m.listed.level === "period");
  const candidates = periodLevel.length > 0 ? periodLevel : parsed;
  const folders = [...new Set(group.files.map((file) => file.folder))];
  if (candidates.length === 0) {
    if (folders.length > 1) {
      throw new DeliveryError(`${group.period} has ${folders.length} deliveries (${folders.join(", ")}) and no manifest to choose between them: refused, not summed. Keep one delivery, or keep AWS's -Manifest.json files beside them.`);
    }
    return { files: group.files, folder: folders[0]!, manifest: null };
  }
  const newest = Math.max(...candidates.map((m) => m.listed.modified));
  const latest = candidates.filter((m) => m.listed.modified === newest);
  if (latest.length > 1) {
    throw new DeliveryError(`${group.period}: manifests ${latest.map((m) => m.listed.name).join(" and ")} are equally new: cannot tell which delivery is current. Keep one.`);
  }
  const { manifest } = latest[0]!;
  return { files: resolveNamedFiles(manifest, group, listed), folder: commonFolder(group, manifest), manifest };
}

/** The listed files a manifest names; every one must be there and belong to the manifest's period. */
function resolveNamedFiles(manifest: Manifest, group: Group, listed: ListedFile[]): ListedFile[] {
  const missing: string[] = [];
  const found = manifest.files.flatMap((key) => {
    const inGroup = group.files.filter((file) => namesPath(key, file.path));
    if (inGroup.length > 0) return [inGroup.sort((a, b) => b.path.length - a.path.length)[0]!];
    const elsewhere = listed.find((file) => namesPath(key, file.path));
    if (elsewhere) throw new DeliveryError(`${manifest.name} (${group.period}) names ${elsewhere.name}, a file of another billing period or export: nothing imported`);
    missing.push(key);
    return [];
  });
  if (missing.length > 0) {
    throw new DeliveryError(`${manifest.name} names ${missing.length} file(s) that are not in the location: ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", ..." : ""}. The delivery is incomplete: nothing imported`);
  }
  return [...new Set(found)];
}

function commonFolder(group: Group, manifest: Manifest): string {
  const named = group.files.filter((file) => manifest.files.some((key) => namesPath(key, file.path)));
  return [...new Set(named.map((file) => file.folder))].join(", ");
}

/** A CSV and a Parquet delivery of one period are the same charges twice (docs: mixed formats). */
function refuseMixedKinds(groups: Group[], chosen: Set<string>): void {
  const byPeriod = new Map<string, Map<string, string>>();
  for (const group of groups) {
    for (const file of group.files) {
      if (!chosen.has(file.name)) continue;
      const kinds = byPeriod.get(group.period) ?? byPeriod.set(group.period, new Map()).get(group.period)!;
      if (!kinds.has(fileKind(file.path))) kinds.set(fileKind(file.path), file.name);
    }
  }
  for (const [period, kinds] of byPeriod) {
    if (kinds.size > 1) throw new DeliveryError(`${period} comes both as CSV (${kinds.get("CSV")}) and as Parquet (${kinds.get("Parquet")}): mixed formats in one period are refused, not summed. Keep one format.`);
  }
}
