// One process at a time on an embedded PGlite data directory: two (the server and `npm run cli -- sync`)
// corrupt it. The lock is a file beside the directory holding the owner's pid, created exclusively;
// a lock whose pid is no longer running (a crash, a kill -9) is taken over.
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from "node:fs";

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `the embedded database at ${dataDir} is in use by another Tallyboard process (pid ${pid}); ` +
        "two processes on one PGlite directory would corrupt it. Stop that process (the server) and run this again, " +
        "or set DATABASE_URL to a PostgreSQL database that the server and the CLI can share, " +
        "or leave the work to the running server (it syncs on SYNC_CRON; upload exports with POST /api/imports).",
    );
  }
}

const lockPathOf = (dataDir: string) => `${dataDir}.lock`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, "wx");
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

const ownerOf = (path: string): number | null => {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

/** Takes the lock or throws DataDirLockedError; returns the release (also run when the process exits). */
export function lockDataDir(dataDir: string): () => void {
  const path = lockPathOf(dataDir);
  if (!tryCreate(path)) {
    const owner = ownerOf(path);
    if (owner !== null && isRunning(owner)) throw new DataDirLockedError(dataDir, owner);
    unlinkSync(path); // stale: its owner is gone
    if (!tryCreate(path)) throw new DataDirLockedError(dataDir, ownerOf(path) ?? 0);
  }
  const release = () => {
    process.off("exit", release);
    if (ownerOf(path) === process.pid) unlinkSync(path);
  };
  process.on("exit", release);
  return release;
}
