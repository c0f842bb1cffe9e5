// Export files on disk: one file, or every export file and AWS manifest under a folder (recursively, in name order).
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { isManifestName } from "./delivery-layout";
import { isExportFile, type ImportFile, type ListedEntry, type LocationEntries } from "./import-file";

export async function listLocalLocation(path: string): Promise<LocationEntries> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new Error(`${path} does not exist`);
  if (!info.isDirectory()) return { data: [await entryOf(path, path.split(sep).join("/"))], manifests: [] };
  const found = (await readdir(path, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && (isExportFile(entry.name) || isManifestName(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const entries = await Promise.all(found.map((file) => entryOf(file, relative(path, file).split(sep).join("/"))));
  return { data: entries.filter((entry) => isExportFile(entry.path)), manifests: entries.filter((entry) => isManifestName(entry.path)) };
}

/** Every export file at the path, deliveries not chosen (for callers that name their files themselves). */
export async function listLocalFiles(path: string): Promise<ImportFile[]> {
  return (await listLocalLocation(path)).data.map((entry) => entry.file);
}

async function entryOf(file: string, path: string): Promise<ListedEntry> {
  // 1 MB reads: at the default 64 KB, Node spends more time on chunks than the hash and COPY on bytes.
  const version = async () => {
    const info = await stat(file, { bigint: true });
    return `${info.size}:${info.mtimeNs}`;
  };
  return { file: { name: file, open: async () => createReadStream(file, { highWaterMark: 1 << 20 }), version }, path, modified: (await stat(file)).mtimeMs };
}
