// Two real processes on one embedded PGlite directory (the server and `npm run cli -- sync`): the
// second is refused at once with what to do, and a lock left by a killed process is taken over.
import { afterAll, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = mkdtempSync(join(tmpdir(), "tallyboard-lock-"));
const dataDir = join(root, "pglite");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

/** Node itself runs the script (through tsx's loader), so the child's pid is the lock's owner. */
function open(mode: "hold" | "close") {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/open-data-dir.ts", dataDir, mode], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const opened = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => stdout.includes("open") && resolve());
    child.on("exit", () => reject(new Error(`exited before opening: ${stderr}`)));
  });
  opened.catch(() => {}); // awaited only where the test expects the open to succeed
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
  return { child, opened, exited };
}

it("a second process on the data directory is refused saying what to do; a dead owner's lock is taken over", async () => {
  const server = open("hold");
  await server.opened;
  expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(server.child.pid));

  const cli = await open("close").exited;
  expect(cli.code).toBe(1);
  expect(cli.stderr).toContain(`the embedded database at ${dataDir} is in use by another Tallyboard process (pid ${server.child.pid})`);
  expect(cli.stderr).toContain("Stop that process (the server)");
  expect(cli.stderr).toContain("set DATABASE_URL");
  expect(cli.stdout).not.toContain("open");

  server.child.kill("SIGKILL"); // leaves a stale lock behind
  await server.exited;
  expect(existsSync(`${dataDir}.lock`)).toBe(true);
  const next = await open("close").exited;
  expect(next.stderr).toBe("");
  expect(next.code).toBe(0);
  expect(next.stdout).toContain("open");
  expect(existsSync(`${dataDir}.lock`)).toBe(false); // released on close
}, 240_000);
