// `npm test` in a fresh clone needs nothing beside the repository: no test reads a path above it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? testFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []));

describe("the test suites are self-contained", () => {
  it("no test or test helper reads a file outside the repository (samples live in fixtures/samples)", () => {
    const outside = testFiles("test").filter((file) => /["'`](\.\.\/)+shared\//.test(readFileSync(file, "utf8")));
    expect(outside).toEqual([]);
  });
});
