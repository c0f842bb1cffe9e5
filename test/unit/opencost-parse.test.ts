// OpenCost /allocation answers as read for a cluster without split data: the shape OpenCost writes
// (fixtures/samples), numbers taken exactly from their JSON text, and bad input refused naming the
// file, the entry and the field.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseOpenCostAllocations } from "../../jobs/imports/opencost/parse-allocations";
import { parseExactJson, ExactNumber } from "../../jobs/imports/opencost/exact-json";

const SAMPLE = "fixtures/samples/opencost-allocation-namespace.json";
const sample = readFileSync(SAMPLE, "utf8");
const answer = (entries: Record<string, unknown>) => JSON.stringify({ code: 200, data: [entries] });
const entry = (name: string, extra: Record<string, unknown> = {}) => ({
  name, properties: { cluster: "lab-k8s" }, window: { start: "2024-09-05T00:00:00Z", end: "2024-09-06T00:00:00Z" },
  cpuCost: 1, gpuCost: 0, ramCost: 0.5, pvCost: 0, networkCost: 0, totalCost: 1.5, ...extra,
});

describe("the sample answer (aggregate=namespace, step=1d)", () => {
  const allocations = parseOpenCostAllocations(SAMPLE, sample, "batch-eks");

  it("reads every allocation of every day, with its namespace, OpenCost's __idle__ flagged", () => {
    expect(allocations.map((a) => [a.day, a.name, a.namespace, a.idle, a.totalCost])).toEqual([
      ["2024-09-05", "__idle__", null, true, "1.5"],
      ["2024-09-05", "kube-system", "kube-system", false, "0.5"],
      ["2024-09-05", "payments", "payments", false, "2.913579"],
      ["2024-09-05", "search", "search", false, "1.086421"],
      ["2024-09-06", "__idle__", null, true, "2"],
      ["2024-09-06", "payments", "payments", false, "2"],
    ]);
    expect(allocations[2]).toMatchObject({ cpuCost: "1.913579", ramCost: "0.75", pvCost: "0.2", networkCost: "0.05", gpuCost: "0", cpuEfficiency: "0.4", ramEfficiency: "0.6", cpuCoreRequestAverage: "2", minutes: "1440", sourceFile: SAMPLE });
  });
});

describe("numbers from their JSON text", () => {
  it("keeps digits a float would lose, and exponents exactly", () => {
    const parsed = parseExactJson('{"a": 0.30000000000000004441, "b": [1e-7, -12.5], "c": "1.5"}') as { a: ExactNumber; b: ExactNumber[]; c: string };
    expect(parsed.a.text).toBe("0.30000000000000004441");
    expect(parsed.b.map((n) => n.text)).toEqual(["1e-7", "-12.5"]);
    expect(parsed.c).toBe("1.5");
    const text = answer({ web: entry("web") }).replace('"totalCost":1.5', '"totalCost":0.10000000000000000555').replace('"cpuCost":1', '"cpuCost":1E-7');
    const [only] = parseOpenCostAllocations("f.json", text, "lab-k8s");
    expect([only!.totalCost, only!.cpuCost]).toEqual(["0.10000000000000000555", "0.0000001"]);
  });
});

describe("aggregate=label:<key>", () => {
  it("reads key=value names as the label, __unallocated__ as no label, a common namespace when OpenCost gives one", () => {
    const text = answer({ "team=checkout": entry("team=checkout", { properties: { cluster: "lab-k8s", namespace: "shop" } }), __unallocated__: entry("__unallocated__"), "lab-k8s/__idle__": entry("lab-k8s/__idle__") });
    expect(parseOpenCostAllocations("l.json", text, "lab-k8s").map((a) => [a.name, a.labelKey, a.labelValue, a.namespace, a.idle])).toEqual([
      ["team=checkout", "team", "checkout", "shop", false],
      ["__unallocated__", null, null, null, false],
      ["lab-k8s/__idle__", null, null, null, true],
    ]);
  });
});

describe("bad input names the file, the entry and the field", () => {
  const refused = (text: string) => () => parseOpenCostAllocations("day.json", text, "lab-k8s");
  it.each([
    ["a missing cost", answer({ web: { ...entry("web"), totalCost: undefined } }), 'day.json, data[0]["web"].totalCost: missing: a number'],
    ["a cost that is not a number", answer({ web: entry("web", { ramCost: "0.5" }) }), 'day.json, data[0]["web"].ramCost: is "0.5", not a number'],
    ["a null cost", answer({ web: entry("web", { cpuCost: null }) }), 'day.json, data[0]["web"].cpuCost: is null, not a number'],
    ["a window of two days", answer({ web: entry("web", { window: { start: "2024-09-05T00:00:00Z", end: "2024-09-07T00:00:00Z" } }) }), 'day.json, data[0]["web"].window: 2024-09-05T00:00:00Z..2024-09-07T00:00:00Z is not one UTC day'],
    ["a window of an hour", answer({ web: entry("web", { window: { start: "2024-09-05T00:00:00Z", end: "2024-09-05T01:00:00Z" } }) }), "is not one UTC day"],
    ["a day that is not UTC", answer({ web: entry("web", { window: { start: "2024-09-05T00:00:00+02:00", end: "2024-09-06T00:00:00+02:00" } }) }), "is not one UTC day"],
    ["a missing window", answer({ web: { ...entry("web"), window: undefined } }), 'data[0]["web"].window: missing'],
    ["another cluster", answer({ web: entry("web", { properties: { cluster: "cluster-one" } }) }), 'day.json, data[0]["web"].properties.cluster: is "cluster-one", not the cluster named for this import ("lab-k8s")'],
    ["no cluster", answer({ web: entry("web", { properties: {} }) }), 'data[0]["web"].properties.cluster: missing'],
    ["a name unlike its key", answer({ web: entry("api") }), 'data[0]["web"].name: is "api", not the entry\'s key "web"'],
    ["two aggregates", answer({ "shop/team=a": entry("shop/team=a") }), "aggregates by more than one field"],
    ["an error answer", JSON.stringify({ code: 500, message: "boom" }), "day.json, code: is 500, not 200 (boom)"],
    ["no data", JSON.stringify({ code: 200 }), "day.json, data: missing"],
    ["not JSON", '{"code": 200, "data": [', "day.json: not JSON"],
    ["the same allocation twice in a day", JSON.stringify({ code: 200, data: [{ web: entry("web") }, { web: entry("web") }] }), 'day.json, data[1]["web"]: a second allocation "web" for 2024-09-05 (the first is data[0]["web"])'],
  ])("%s", (_what, text, message) => {
    expect(refused(text)).toThrow(message);
  });
});
