// Business input files: every row validated before anything is written; the first bad row is
// named by file, line and column. And CSV export cells guarded against formula injection.
import { describe, expect, it } from "vitest";
import { parseBusinessCsv, validateBusinessRows } from "../../jobs/business/validate-business-rows";
import { guardCell, toCsv } from "../../api/csv-response";

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
};

describe("parseBusinessCsv", () => {
  it("reads each kind with its columns, trimming cells and applying defaults", () => {
    expect(parseBusinessCsv("operations", "ops.csv", "day,product,metric,team,count\n2026-01-01, search ,searches,,42\n")).toEqual([{ day: "2026-01-01", product: "search", metric: "searches", team: "", count: "42" }]);
    expect(parseBusinessCsv("operations", "ops.csv", "day,product,metric,count\n2026-01-01,search,searches,42\n")[0]).toMatchObject({ team: "" });
    expect(parseBusinessCsv("goals", "g.csv", "metric_key,target_value,applies_from\nunit_cost.searches,1.00,2026-01-01\n")).toEqual([{ metric_key: "unit_cost.searches", target_value: "1.00", unit_n: "1", applies_from: "2026-01-01", team: "" }]);
    expect(parseBusinessCsv("vendors", "v.csv", "name,monthly_cost_usd,category,team,renewal_date,production,start_date\nCI,10.50,ci,build,2027-01-01,YES,2026-01-01\n")[0]).toMatchObject({ production: true });
  });

  it.each([
    ["operations", "day,product,metric,team,count\n2026-01-01,s,searches,,1\n2026-02-30,s,searches,,1\n", "ops.csv, line 3, column day: expected a calendar day as YYYY-MM-DD"],
    ["operations", "day,product,metric,team,count\n2026-01-01,s,searches,,-1\n", "ops.csv, line 2, column count: a whole number, 0 or more"],
    ["operations", "day,product,metric,team,count\n2026-01-01,s,searches,,1.5\n", "ops.csv, line 2, column count: a whole number, 0 or more"],
    ["operations", "day,product,metric,team,count\n2026-01-01,s,Searches,,1\n", "ops.csv, line 2, column metric: lower-case letters, digits, _ or -, starting with a letter"],
    ["operations", "day,product,metric,team,count\n2026-01-01,s,searches,a,1\n2026-01-01,s,searches,a,2\n", "ops.csv, line 3: repeats the row on line 2 (same day, product, metric and team)"],
    ["operations", "day,product,count\n", "ops.csv, line 1, column metric: missing column (a operations file has day, product, metric, team, count)"],
    ["operations", "day,product,metric,count,colour\n", "ops.csv, line 1, column colour: unknown column (a operations file has day, product, metric, team, count)"],
    ["operations", "", "ops.csv, line 1: the file is empty: expected a header row"],
    ["headcount", "month,team,engineers\n2026-13,a,3\n", "ops.csv, line 2, column month: expected a month as YYYY-MM"],
    ["headcount", "month,team,engineers\n2026-01,,3\n", "ops.csv, line 2, column team: must not be empty"],
    ["revenue", "month,revenue_usd,cash_usd,net_burn_usd\n2026-01,1e6,1,1\n", "ops.csv, line 2, column revenue_usd: a decimal amount like 1234.56"],
    ["revenue", "month,revenue_usd,cash_usd,net_burn_usd\n2026-01,-5,1,1\n", "ops.csv, line 2, column revenue_usd: must not be negative"],
    ["vendors", "name,monthly_cost_usd,category,team,renewal_date,production,start_date\nCI,1,ci,build,2027-01-01,maybe,2026-01-01\n", "ops.csv, line 2, column production: yes or no"],
    // A file from before contracts had a term is refused, not read as "in force in every month".
    ["vendors", "name,monthly_cost_usd,category,team,renewal_date,production\nCI,1,ci,build,2027-01-01,no\n", "ops.csv, line 1, column start_date: missing column: the first day each vendor contract is in force"],
    ["vendors", "name,monthly_cost_usd,category,team,renewal_date,production,start_date,end_date\nCI,1,ci,build,2027-01-01,no,2026-03-01,2026-02-28\n", "ops.csv, line 2, column end_date: must not be before start_date"],
    ["vendors", "name,monthly_cost_usd,category,team,renewal_date,production,start_date\nCI,1,ci,build,2027-01-01,no,2026-03-01\nCI,2,ci,build,2027-01-01,no,2026-03-01\n", "ops.csv, line 3: repeats the row on line 2 (same name and start_date)"],
    ["goals", "metric_key,target_value,unit_n,applies_from\nunit_cost.searches,1,0,2026-01-01\n", "ops.csv, line 2, column unit_n: at least 1"],
    ["operations", 'day,product,metric,team,count\n2026-01-01,"s,searches,,1\n', "ops.csv, line 2"],
  ] as const)("%s: %j is rejected naming the row", (kind, content, message) => {
    expect(problem(() => parseBusinessCsv(kind, "ops.csv", content))).toContain(message);
  });

  it("accepts JSON numbers and booleans from the push API", () => {
    expect(validateBusinessRows("operations", "rows", [{ line: 0, record: { day: "2026-01-01", product: "p", metric: "m", count: 7 } }])).toEqual([{ day: "2026-01-01", product: "p", metric: "m", team: "", count: "7" }]);
    expect(validateBusinessRows("vendors", "rows", [{ line: 0, record: { name: "n", monthly_cost_usd: 5, category: "c", team: "t", renewal_date: "2027-01-01", production: false, start_date: "2026-01-01" } }])[0]).toMatchObject({ production: false, monthly_cost_usd: "5", end_date: "" });
  });
});

describe("CSV export", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["+1+1", "'+1+1"],
    ["-cmd", "'-cmd"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["-2500.00", "-2500.00"], // a plain negative number cannot run
    ["Datadog", "Datadog"],
    [null, ""],
    [12, "12"],
  ])("guards %j as %j", (value, expected) => {
    expect(guardCell(value)).toBe(expected);
  });

  it("writes a header row and quotes where CSV needs it", () => {
    expect(toCsv({ columns: ["name", "cost"], rows: [{ name: "a, b", cost: "1.50" }, { name: "=1", cost: null }] })).toBe('name,cost\n"a, b",1.50\n\'=1,\n');
  });
});
