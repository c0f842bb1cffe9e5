// CLI: preview what an edited ownership file would move, per team, before it is committed to git;
// import a Backstage catalog.
import { readOwnershipFile } from "./ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "./apply-ownership";
import { previewOwnershipChange } from "./change-ownership";
import { changeOwnership } from "./change-ownership";
import { importBackstageCatalog } from "./backstage-import";
import type { Runtime } from "../runtime";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

export async function previewOwnershipCommand(runtime: Runtime, file: string | undefined, effectiveFrom: string | undefined) {
  if (!file) throw new Error("preview needs --file <ownership.yaml>");
  const ownership = readOwnershipFile(file);
  const preview = await previewOwnershipChange(runtime.database.db, async (tx) => {
    const applied = await applyOwnership(tx, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "cli", effectiveFrom, today: runtime.source.today() });
    return { effectiveFrom: applied.effectiveFrom, result: applied.changes };
  });
  if (!preview.window) return console.log("No change to the rules in force, or no synced day it would affect.");
  console.log(`Rules: ${JSON.stringify(preview.result)}\nAmortized dollars that would move, ${preview.window.start} up to ${preview.window.end}:`);
  console.table(preview.moves.map((move) => ({ team: move.teamId, before: move.before, after: move.after, change: move.delta })));
}

export async function importBackstageCommand(runtime: Runtime, files: string[], effectiveFrom: string | undefined) {
  if (files.length === 0) throw new Error("import-backstage needs --file <catalog-info.yaml> (repeatable)");
  const catalogs = files.map((file) => ({ fileName: basename(file), text: readFileSync(file, "utf8") }));
  const { result, run } = await changeOwnership(runtime.database, runtime.source.name, (tx) =>
    importBackstageCatalog(tx, catalogs, { actor: "cli", effectiveFrom, today: runtime.source.today() }),
  );
  console.log(`${result.entities} entities, ${result.rules} rules: ${JSON.stringify(result.changes)}; run ${run.runId} re-attributed ${run.rowsWritten ?? 0} rows`);
}
