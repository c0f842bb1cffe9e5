// Export files on disk: one file, or every export file under a folder (recursively, in name order).
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { isExportFile, type ImportFile } from "./import-file";

export async function listLocalFiles(path: string): Promise<ImportFile[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new Error(`${path} does not exist`);
  const paths = info.isDirectory()
    ? (await readdir(path, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile() && isExportFile(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
        .sort()
    : [path];
  // 1 MB reads: at the default 64 KB, Node spends more time on chunks than the hash and COPY on bytes.
  return paths.map((file) => ({ name: file, open: async () => createReadStream(file, { highWaterMark: 1 << 20 }) }));
}
