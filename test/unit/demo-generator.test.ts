// The committed demo (fixtures/demo) is exactly what the generator produces: regenerating into a
// temporary folder gives byte-identical files. If this fails, run `npx tsx fixtures/generate.ts`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../fixtures/generate.js";

const COMMITTED = join(import.meta.dirname, "../../fixtures/demo");
const tmp = mkdtempSync(join(tmpdir(), "tallyboard-demo-"));
/** Every file under `dir` (the CUR export sits in subfolders), as relative paths. */
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((path) => statSync(join(dir, path)).isFile()).sort();
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("demo generator", () => {
  it("regenerates fixtures/demo byte for byte", () => {
    generateDemo(tmp);
    const committed = filesUnder(COMMITTED);
    expect(filesUnder(tmp)).toEqual(committed);
    for (const file of committed) {
      const same = readFileSync(join(tmp, file)).equals(readFileSync(join(COMMITTED, file)));
      expect(same, `${file} differs from a fresh generation`).toBe(true);
    }
  }, 60_000);
});
