// The efficiency numbers of the demo company computed independently of the app: straight from
// fixtures/demo/*.csv, accounts.json and golden.json with decimal.js (no app code on the path).
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { golden, loadDemo } from "./demo-expectations";

const csv = (file: string) => parse(readFileSync(`fixtures/demo/${file}`), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const sum = (values: (string | Decimal)[]) => values.reduce<Decimal>((a, b) => a.plus(b), new Decimal(0));

const operations = csv("operations.csv");
const headcount = csv("headcount.csv");
const vendors = csv("vendors.csv");
export const revenue = csv("revenue.csv");

let envTotals: Map<string, Decimal> | null = null;

/**
 * Amortized cost of a month in an environment (splits keep each line's environment). The demo flows
 * through Cost Explorer, whose lines carry the owner tag but not the env tag (two GroupBy keys at
 * most), so a line's environment is its account's: lumen-data's "env: prod" lines count as data.
 */
export function environmentMonth(environment: string, month: string): Decimal {
  if (!envTotals) {
    const dataset = loadDemo();
    const accountEnv = new Map(dataset.accounts.map((a) => [a.id, a.environment as string]));
    envTotals = new Map();
    for (const row of dataset.rows) {
      const env = accountEnv.get(row.accountId) ?? "unknown";
      const key = `${env}|${row.day.slice(0, 7)}`;
      envTotals.set(key, (envTotals.get(key) ?? new Decimal(0)).plus(row.amortized));
    }
  }
  return envTotals.get(`${environment}|${month}`) ?? new Decimal(0);
}

export function operationsMonth(metric: string, month: string, team?: string): Decimal {
  return sum(operations.filter((o) => o.metric === metric && o.day!.startsWith(month) && (team === undefined || o.team === team)).map((o) => o.count!));
}

export function engineersMonth(month: string, team?: string): number {
  return headcount.filter((h) => h.month === month && (team === undefined || h.team === team)).reduce((n, h) => n + Number(h.engineers), 0);
}

/** The vendors' monthly cost in a month: the demo's contracts each cover whole months (start on or before it, open end). */
export function vendorMonthly(month: string, options: { productionToo: boolean; team?: string }): Decimal {
  const inForce = vendors.filter((v) => v.start_date! <= `${month}-01` && (v.end_date === "" || v.end_date! >= `${month}-31`));
  return sum(inForce.filter((v) => (options.productionToo || v.production === "no") && (options.team === undefined || v.team === options.team)).map((v) => v.monthly_cost_usd!));
}

/** Production cost per 10,000 of a metric (all teams' operations) in a month. */
export function expectedUnitCost(metric: string, month: string, n = 10_000): string {
  return environmentMonth("production", month).times(n).div(operationsMonth(metric, month)).toDecimalPlaces(6).toString();
}

/** (development + data + non-production vendors) / engineers, company-wide. */
export function expectedOverheadPerEngineer(month: string): string {
  const overhead = environmentMonth("development", month).plus(environmentMonth("data", month)).plus(vendorMonthly(month, { productionToo: false }));
  return overhead.div(engineersMonth(month)).toDecimalPlaces(6).toString();
}

/** A team's whole cost (golden.json, shared costs included) per 10,000 of its own operations. */
export function expectedTeamUnitCostAllEnvironments(team: string, metric: string, month: string): string {
  return new Decimal(golden.teams[team]![month]!).times(10_000).div(operationsMonth(metric, month, team)).toDecimalPlaces(6).toString();
}

export function expectedShareOfRevenue(month: string): string | null {
  const row = revenue.find((r) => r.month === month);
  return row ? new Decimal(golden.months[month]!.amortized).div(row.revenue_usd!).toDecimalPlaces(6).toString() : null;
}

/** Cloud (golden amortized) plus every vendor, per engineer, for the $2,000 check. */
export function expectedInfraPerEngineer(month: string): string {
  return new Decimal(golden.months[month]!.amortized).plus(vendorMonthly(month, { productionToo: true })).div(engineersMonth(month)).toDecimalPlaces(2).toString();
}
