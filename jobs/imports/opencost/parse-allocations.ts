// Reads OpenCost's /allocation answer (aggregate=namespace or aggregate=label:<key>, step=1d) for one
// cluster: every allocation of every daily set, checked (docs/clusters.md, "OpenCost"). Numbers are
// read from their JSON text (exact-json.ts) and converted to decimals exactly once.
import Decimal from "decimal.js";
import { addDays } from "../../../db/calendar";
import { ExactNumber, parseExactJson } from "./exact-json";
import { OpenCostImportError } from "./opencost-error";

export const IDLE_NAME = "__idle__";
export const UNALLOCATED_NAME = "__unallocated__";

const COSTS = ["cpuCost", "gpuCost", "ramCost", "pvCost", "networkCost", "totalCost"] as const;
const FIGURES = ["cpuEfficiency", "ramEfficiency", "totalEfficiency", "cpuCoreRequestAverage", "cpuCoreUsageAverage", "ramByteRequestAverage", "ramByteUsageAverage", "minutes"] as const;

export type OpenCostAllocation = {
  cluster: string;
  day: string;
  name: string;
  namespace: string | null;
  labelKey: string | null;
  labelValue: string | null;
  idle: boolean;
  sourceFile: string;
} & Record<(typeof COSTS)[number], string> &
  Record<(typeof FIGURES)[number], string | null>;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof ExactNumber);
const shown = (value: unknown) => (value instanceof ExactNumber ? value.text : JSON.stringify(value));

/** What an answer is aggregated by: a namespace or a label (the cost basis), or workloads
 *  (aggregate=namespace,controller: `payments/deployment:checkout-api`; or controller alone: `deployment:checkout-api`). */
export type OpenCostAggregate = "cost" | "workloads";

/** Every allocation of the file; throws OpenCostImportError naming the file and the entry and field. */
export function parseOpenCostAllocations(file: string, text: string, cluster: string, aggregate: OpenCostAggregate = "cost"): OpenCostAllocation[] {
  let body: unknown;
  try {
    body = parseExactJson(text);
  } catch (error) {
    throw new OpenCostImportError(file, null, `not JSON (${(error as Error).message})`);
  }
  if (!isObject(body)) throw new OpenCostImportError(file, null, 'not an OpenCost /allocation answer: expected {"code": 200, "data": [...]}');
  if (!(body.code instanceof ExactNumber) || body.code.text !== "200") {
    throw new OpenCostImportError(file, "code", `is ${shown(body.code)}, not 200${typeof body.message === "string" ? ` (${body.message})` : ""}`);
  }
  if (!Array.isArray(body.data)) throw new OpenCostImportError(file, "data", "missing: an array of allocation sets, one per day (step=1d)");
  const seen = new Map<string, string>();
  const allocations: OpenCostAllocation[] = [];
  body.data.forEach((set, i) => {
    if (set === null) return; // OpenCost answers null for a step with no allocations
    if (!isObject(set)) throw new OpenCostImportError(file, `data[${i}]`, "not an object of allocations by name");
    for (const [key, entry] of Object.entries(set)) {
      const where = `data[${i}][${JSON.stringify(key)}]`;
      const allocation = readAllocation(file, where, key, entry, cluster, aggregate);
      const id = `${allocation.day} ${key}`;
      if (seen.has(id)) throw new OpenCostImportError(file, where, `a second allocation "${key}" for ${allocation.day} (the first is ${seen.get(id)})`);
      seen.set(id, where);
      allocations.push(allocation);
    }
  });
  return allocations;
}

function readAllocation(file: string, where: string, key: string, entry: unknown, cluster: string, aggregate: OpenCostAggregate): OpenCostAllocation {
  const fail = (field: string | null, problem: string): never => {
    throw new OpenCostImportError(file, field === null ? where : `${where}.${field}`, problem);
  };
  if (!isObject(entry)) return fail(null, "not an allocation object");
  if (entry.name !== key) fail("name", `is ${shown(entry.name)}, not the entry's key "${key}"`);
  const properties = isObject(entry.properties) ? entry.properties : fail("properties", "missing: an object with the allocation's cluster");
  if (typeof properties.cluster !== "string") fail("properties.cluster", "missing: the cluster's name");
  if (properties.cluster !== cluster) {
    fail("properties.cluster", `is "${String(properties.cluster)}", not the cluster named for this import ("${cluster}"); OpenCost's CLUSTER_ID must be the cluster's name in the bill`);
  }
  const day = readDay(entry.window, fail);
  const segments = key.split("/");
  const idle = segments[segments.length - 1] === IDLE_NAME;
  const given = typeof properties.namespace === "string" && properties.namespace !== "" ? properties.namespace : null;
  let label: RegExpExecArray | null = null;
  let namespace: string | null;
  if (aggregate === "workloads") {
    const workload = segments[segments.length - 1]!;
    if (!idle && (segments.length > 2 || !(workload === UNALLOCATED_NAME || /^[a-z]+:./i.test(workload)))) {
      fail("name", `"${key}" is not a workload (kind:name, or namespace/kind:name); ask OpenCost for aggregate=namespace,controller`);
    }
    namespace = segments.length === 2 ? segments[0]! : given;
  } else {
    if (!idle && segments.length > 1) fail("name", `"${key}" aggregates by more than one field; ask OpenCost for aggregate=namespace or aggregate=label:<key>`);
    label = idle || key === UNALLOCATED_NAME ? null : /^([^=]+)=(.*)$/.exec(key);
    namespace = given ?? (idle || label || key === UNALLOCATED_NAME ? null : key);
  }
  const costs = Object.fromEntries(COSTS.map((field) => [field, decimal(entry[field], true, (problem) => fail(field, problem))!]));
  const figures = Object.fromEntries(FIGURES.map((field) => [field, decimal(entry[field], false, (problem) => fail(field, problem))]));
  return {
    cluster, day, name: key, namespace, labelKey: label?.[1] ?? null, labelValue: label?.[2] ?? null, idle, sourceFile: file,
    ...(costs as Record<(typeof COSTS)[number], string>), ...(figures as Record<(typeof FIGURES)[number], string | null>),
  };
}

/** The UTC day of a window that is exactly one UTC day. */
function readDay(window: unknown, fail: (field: string, problem: string) => never): string {
  if (!isObject(window)) return fail("window", "missing: {start, end}");
  const at = (field: "start" | "end") => {
    const value = window[field];
    const time = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(time) ? fail(`window.${field}`, `is ${shown(value)}, not an RFC 3339 time`) : time;
  };
  const [start, end] = [at("start"), at("end")];
  const day = new Date(start).toISOString().slice(0, 10);
  if (start % 86_400_000 !== 0 || new Date(end).toISOString().slice(0, 10) !== addDays(day, 1) || end % 86_400_000 !== 0) {
    fail("window", `${String(window.start)}..${String(window.end)} is not one UTC day; ask OpenCost for whole UTC days with step=1d`);
  }
  return day;
}

/** A JSON number as a decimal string (from its text, exactly); null for null or absent unless required. */
function decimal(value: unknown, required: boolean, fail: (problem: string) => never): string | null {
  if (value instanceof ExactNumber) return new Decimal(value.text).toFixed();
  if (value === undefined || value === null) return required ? fail(value === null ? "is null, not a number" : "missing: a number") : null;
  return fail(`is ${shown(value)}, not a number`);
}
