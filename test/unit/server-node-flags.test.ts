// `npm start` must run the server as the benchmark and the load test measure it, with flags this Node accepts.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { missingServerFlags, SERVER_EXEC_ARGV, SERVER_NODE_FLAGS } from "../../api/server-node-flags";

describe("the server's Node flags", () => {
  it("are the ones npm start passes to node", () => {
    const start: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.start;
    expect(start).toContain(`node ${SERVER_EXEC_ARGV.join(" ")} api/main.ts`);
  });

  it("are accepted by this Node (it refuses one it does not know)", () => {
    const run = (flags: string[]) => spawnSync(process.execPath, [...flags, "-e", "0"], { encoding: "utf8" });
    const accepted = run(SERVER_NODE_FLAGS);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(run(["--heap-growing-percentage=50"]).status).not.toBe(0);
  });

  it("are told missing by a server started without them, and only then", () => {
    const missing = (execArgv: string[]) => {
      const run = spawnSync(process.execPath, [...execArgv, "-e", 'import("./api/server-node-flags.ts").then((m) => console.log(JSON.stringify(m.missingServerFlags())))'], { encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as string[];
    };
    expect(missing(SERVER_EXEC_ARGV)).toEqual([]);
    expect(missing(["--import", "tsx"])).toEqual(SERVER_NODE_FLAGS);
    expect(missingServerFlags(["--max-old-space-size=1024"])).toEqual(SERVER_NODE_FLAGS);
  });
});
