// npm run cli -- import <path | s3://bucket/prefix> [--format auto|cur|cur2|focus]
import { SingleBar, Presets } from "cli-progress";
import type { Runtime } from "../runtime";
import { addDays } from "../../db/calendar";
import type { DeliveryChoice } from "./deliveries";
import { FORMAT_OPTIONS, type FormatOption } from "./detect-format";
import { importFromLocation } from "./import-location";
import { IMPORT_LOCK } from "./import-lock";
import { withJobLock } from "../sync/abandoned-runs";
import { qualityLines } from "./quality/quality-lines";
import type { ImportQuality } from "../../db/domain/import-quality-report";
import { engineImportCommand } from "../engines/engine-command";

export async function importCommand(runtime: Runtime, location: string | undefined, format: string | undefined): Promise<void> {
  if (runtime.config.engine.name !== "postgres") return engineImportCommand(runtime, location); // only grouped facts reach PostgreSQL
  if (!location) throw new Error("import needs a file, a folder or s3://bucket/prefix");
  if (format !== undefined && !(FORMAT_OPTIONS as readonly string[]).includes(format)) throw new Error(`--format must be one of ${FORMAT_OPTIONS.join(", ")}`);
  const bar = new SingleBar({ format: "import [{bar}] {value}/{total}  {label}", hideCursor: true }, Presets.shades_classic);
  let started = false;
  const result = await withJobLock(runtime.database, IMPORT_LOCK, () =>
    importFromLocation(runtime.database, location, {
      format: (format ?? "auto") as FormatOption,
      resourcesFromExports: runtime.source.name === "exports",
      onProgress: ({ done, total, label }) => {
        if (!started) bar.start(total, 0, { label });
        started = true;
        bar.update(done, { label });
      },
    }),
  );
  if (started) bar.stop();
  if (!result) throw new Error("another import holds the lock; try again when it has finished");
  const { run } = result;
  const window = run.window ? ` ${run.window.start}..${addDays(run.window.end, -1)}` : "";
  console.log(`run ${run.runId}: ${run.status}${window}, ${run.rowsWritten ?? 0} rows written${run.error ? `\n  error: ${run.error}` : ""}`);
  for (const delivery of (run.details?.deliveries ?? []) as DeliveryChoice[]) {
    const skipped = delivery.skipped.length > 0 ? `; ${delivery.skipped.length} file(s) of older deliveries or not in the manifest skipped` : "";
    console.log(`  delivery  ${delivery.period} ${delivery.folder}${delivery.id ? ` (${delivery.id})` : ""}: ${delivery.files} file(s)${skipped}`);
  }
  for (const file of (run.details?.files ?? []) as { name: string; status: string; rows?: number }[]) {
    console.log(`  ${file.status.padEnd(9)} ${file.name}${file.rows === undefined ? "" : ` (${file.rows} rows)`}`);
  }
  const quality = run.details?.quality as ImportQuality | undefined;
  if (quality) for (const line of qualityLines(quality)) console.log(line);
  if (run.status === "failed") process.exitCode = 1;
}
