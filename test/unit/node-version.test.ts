import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SUPPORTED_NODE_MAJORS, unsupportedNodeWarning } from "../../jobs/node-version";

describe("supported Node.js versions", () => {
  it.each([
    ["v22.12.0", false],
    ["v24.21.0", false],
    ["24.0.0", false],
    ["v20.20.2", true],
    ["v18.19.0", true],
    ["v23.1.0", true],
    ["v26.0.0", true],
    ["not a version", true],
  ])("%s warns: %s", (version, warns) => {
    const warning = unsupportedNodeWarning(version);
    expect(warning !== null).toBe(warns);
    if (warns) expect(warning).toContain("tested on Node.js 22 and 24");
  });

  it("package.json's engines names the same lines", () => {
    const engines: string = JSON.parse(readFileSync("package.json", "utf8")).engines.node;
    expect(engines.split("||").map((range) => Number(/\^(\d+)\./.exec(range.trim())?.[1]))).toEqual([...SUPPORTED_NODE_MAJORS]);
  });
});
