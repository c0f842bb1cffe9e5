// A corpus of bad input against every import and the JSON API: wrong types, broken and huge files,
// wrong encodings, negative and huge amounts, dates out of range, unicode and empty tag values.
// Each answer is a 4xx naming the line or field (never a 500), nothing is half-written, and the
// server keeps answering. CSV exports neutralize cells a spreadsheet would run as a formula.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { createApp } from "../../api/app";
import { DEFAULT_BODY_LIMITS } from "../../api/body-limits";
import { queryRows } from "../../db/client";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { cur2Csv, cur2Rows } from "../support/cur2-files";
import { figureRecorder } from "./figures";

const figures = figureRecorder("bad-input");
let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const good = cur2Csv(cur2Rows("2026-09"));
const cell = (csv: string, from: string, to: string) => {
  if (!csv.includes(from)) throw new Error(`corpus bug: ${from} not in the file`);
  return csv.replace(from, to);
};

/** Row counts of every table an input can write: each must be unchanged after a rejected input. */
const written = async () =>
  (await queryRows<{ t: string; n: number }>(database.db, sql`
    select 'lines' t, count(*)::int n from cost_line_items union all select 'batches', count(*)::int from import_batches
    union all select 'budgets', count(*)::int from team_budgets union all select 'vendors', count(*)::int from vendors
    union all select 'operations', count(*)::int from product_operations union all select 'rules', count(*)::int from ownership_rules
    union all select 'wins', count(*)::int from wins`)).map((r) => `${r.t}=${r.n}`).join(" ");

interface Case {
  input: string;
  send: () => Promise<Response> | Response;
  status: number;
  names: RegExp;
}

const upload = (csv: string | Buffer, fileName = "cur2.csv") => () => app.request(`/api/imports?fileName=${fileName}`, { method: "POST", body: typeof csv === "string" ? csv : new Uint8Array(csv) });
const json = (method: string, path: string, body: unknown) => () => app.request(path, { method, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
const csvTo = (path: string, csv: string) => () => app.request(path, { method: "POST", body: csv });
const vendors = (row: string) => `name,monthly_cost_usd,category,team,renewal_date,production,start_date\nAcme,10.00,tools,checkout,2027-01-31,yes,2026-02-01\n${row}\n`;

const corpus: Case[] = [
  { input: "CUR 2.0: a cost that is not a number", send: upload(cell(good, '"10.5"', '"ten"')), status: 400, names: /line 2.*line_item_unblended_cost|line_item_unblended_cost.*line 2/ },
  // Not an error: numeric keeps any amount exactly; the point is that nothing rounds it.
  { input: "CUR 2.0: an amount with 40 digits", send: upload(cell(good, '"10.5"', `"${"9".repeat(40)}"`), "huge.csv"), status: 201, names: /"billedUnblended":"10000000000000000000000000000000000000000\.05"/ },
  { input: "CUR 2.0: a usage day out of range (2026-13-45)", send: upload(cell(good, "2026-09-03T00:00:00Z", "2026-13-45T00:00:00Z")), status: 400, names: /line 5/ },
  { input: "CUR 2.0: a usage day in year 10000", send: upload(cell(good, "2026-09-03T00:00:00Z", "10000-09-03T00:00:00Z")), status: 400, names: /line 5/ },
  { input: "CUR 2.0: the account id missing", send: upload(cell(good, '"222222222222"', '""')), status: 400, names: /line 5/ },
  { input: "CUR 2.0: resource_tags not JSON", send: upload(cell(good, '"{""user_team"":""search""}"', '"{not json"')), status: 400, names: /line 3/ },
  { input: "an empty file", send: upload(""), status: 400, names: /empty/ },
  { input: "a header and no rows (an empty period)", send: upload(good.split("\n")[0] + "\n", "header-only.csv"), status: 201, names: /"rowsWritten":0/ },
  // UTF-16 with its byte-order mark is read as such (csv-parse's bom option): imported exactly.
  { input: "UTF-16 text with a BOM", send: upload(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good.replace("10.5", "10.25"), "utf16le")]), "utf16.csv"), status: 201, names: /"billedUnblended":"11\.30"/ },
  { input: "random bytes", send: upload(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), status: 400, names: /cur2\.csv/ },
  { input: "a truncated gzip file", send: upload(gzipSync(Buffer.from(good)).subarray(0, 60), "cur2.csv.gz"), status: 400, names: /cur2\.csv\.gz/ },
  { input: "a CSV whose columns are no known export", send: upload("a,b,c\n1,2,3\n"), status: 400, names: /format|column/i },
  { input: "budget CSV: a negative budget", send: csvTo("/api/budgets/csv", "month,team,budget_usd\n2026-09,checkout,-5.00\n"), status: 400, names: /line 2/ },
  { input: "budget CSV: month 2026-13", send: csvTo("/api/budgets/csv", "month,team,budget_usd\n2026-13,checkout,5.00\n"), status: 400, names: /line 2/ },
  { input: "budget CSV: an unknown team", send: csvTo("/api/budgets/csv", "month,team,budget_usd\n2026-09,checkout,5.00\n2026-09,nobody,5.00\n"), status: 400, names: /line 3/ },
  { input: "vendors CSV: a huge cost", send: csvTo("/api/business/vendors/csv", vendors(`Big,${"9".repeat(30)},tools,checkout,2027-01-31,yes,2026-02-01`)), status: 400, names: /line 3/ },
  { input: "vendors CSV: renewal 2027-02-30", send: csvTo("/api/business/vendors/csv", vendors("Bad,1.00,tools,checkout,2027-02-30,yes,2026-02-01")), status: 400, names: /line 3.*renewal_date|renewal_date.*line 3/ },
  { input: "operations JSON: a count as text", send: json("POST", "/api/business/operations", { rows: [{ day: "2026-09-01", product: "p", metric: "m", team: "checkout", count: "many" }] }), status: 400, names: /rows\.0\.count/ },
  { input: "budget JSON: budgetUsd as a number", send: json("PUT", "/api/budgets/months/2026-09/teams/checkout", { budgetUsd: 5 }), status: 400, names: /budgetUsd/ },
  { input: "budget JSON: a negative budget", send: json("PUT", "/api/budgets/months/2026-09/teams/checkout", { budgetUsd: "-5" }), status: 400, names: /budgetUsd/ },
  { input: "budget JSON: month 2026-00", send: json("PUT", "/api/budgets/months/2026-00/teams/checkout", { budgetUsd: "5" }), status: 400, names: /month/ },
  { input: "a body that is not JSON", send: json("PUT", "/api/budgets/months/2026-09/teams/checkout", "{budgetUsd: 5"), status: 400, names: /JSON|json/ },
  { input: "win JSON: shipped on 2026-02-30", send: json("POST", "/api/wins", { teamId: "checkout", title: "x rightsizing", shippedOn: "2026-02-30", expectedMonthlySavingsUsd: "10" }), status: 400, names: /shippedOn/ },
  { input: "rule JSON: an unknown kind", send: json("POST", "/api/ownership/rules", { kind: "planet", match: "x", teamId: "checkout", priority: 5, effectiveFrom: "2026-09-01" }), status: 400, names: /kind/ },
  { input: "rule JSON: a 100 kB tag value", send: json("POST", "/api/ownership/rules", { kind: "tag", tagValue: "x".repeat(100_000), teamId: "checkout", priority: 5, effectiveFrom: "2026-09-01" }), status: 400, names: /tagValue.*200/ },
  { input: "query: from=2026-99-99", send: () => app.request("/api/ownership/summary?from=2026-99-99"), status: 400, names: /from/ },
  { input: "query: why for day=yesterday", send: () => app.request("/api/why?teamId=checkout&day=yesterday"), status: 400, names: /day/ },
  { input: "nudge action on id -1", send: json("POST", "/api/nudges/-1/actions", { action: "acknowledge" }), status: 400, names: /id/ },
];

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-21" });
  app = createApp(database, "demo");
}, 120_000);
afterAll(async () => {
  figures.save({ inputs: corpus.length });
  await database?.drop();
});

describe(`bad input corpus (${corpus.length} inputs)`, () => {
  it.each(corpus)("$input: answers $status naming the line or field; a refused input writes nothing", async ({ input, send, status, names }) => {
    const before = await written();
    const response = await send();
    const body = (await response.json()) as { error?: { message: string } };
    const message = body.error?.message ?? JSON.stringify(body);
    const accepted = status < 300;
    const shown = accepted ? `imported exactly: ${names.source.replace(/\\/g, "")}` : message.slice(0, 90);
    figures.add({ scenario: input, injected: "upload / request", outcome: `${response.status}: ${shown}`, passed: response.status === status && names.test(message) });
    expect(response.status, message).toBe(status);
    expect(message).toMatch(names);
    if (!accepted) expect(await written()).toBe(before);
    expect((await app.request("/api/health")).status).toBe(200);
  });

  it("an upload past the size limit answers 413 before it is read whole", async () => {
    const small = createApp(database, "demo", undefined, undefined, { chromiumPath: "/usr/bin/chromium", bodyLimits: { ...DEFAULT_BODY_LIMITS, uploadBytes: 64 * 1024 } });
    const response = await small.request("/api/imports?fileName=big.csv", { method: "POST", body: good.repeat(2000), headers: { "content-length": String(good.length * 2000) } });
    expect(response.status).toBe(413);
    figures.add({ scenario: "an upload past the size limit", injected: `${(good.length * 2000 / 1024).toFixed(0)} kB against a 64 kB limit`, outcome: "413", passed: true });
  });

  it("unicode and empty tag values and negative amounts (credits) import exactly, and show where they belong", async () => {
    const csv = cur2Csv([
      { type: "Usage", start: "2026-09-05T00:00:00Z", account: "111111111111", unblended: "12.34", tags: { user_team: "チーム-決済 💸" }, expectedAmortized: "12.34" },
      { type: "Usage", start: "2026-09-05T00:00:00Z", account: "111111111111", unblended: "1.00", tags: { user_team: "" }, expectedAmortized: "1.00" },
      { type: "Credit", start: "2026-09-05T00:00:00Z", account: "111111111111", unblended: "-3.50", tags: {}, expectedAmortized: "-3.50" },
    ]);
    const response = await upload(csv, "unicode.csv")();
    expect(response.status, await response.clone().text()).toBe(201);
    const [stored] = await queryRows<{ total: string; tags: string }>(database.db, sql`select sum(unblended_cost)::text as total, string_agg(tags::text, ' ') as tags from cost_line_items where day = '2026-09-05'`);
    expect(Number(stored!.total)).toBeCloseTo(9.84, 10);
    expect(stored!.tags).toContain("チーム-決済 💸");
    const [attributed] = await queryRows<{ total: string }>(database.db, sql`select sum(unblended_cost)::text as total from attributed_costs where day = '2026-09-05'`);
    expect(attributed!.total).toBe(stored!.total);
    figures.add({ scenario: "unicode, empty tag values, a credit", injected: "3 lines", outcome: "imported exactly (9.84), attributed = billed", passed: true });
  });
});

describe("CSV exports neutralize formulas", () => {
  it("a vendor named =HYPERLINK(...) and an actor named @SUM(...) export as text, numbers stay numbers", async () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)"];
    const rows = hostile.map((name, i) => `"${name.replaceAll('"', '""')}",${i}.00,tools,checkout,2027-01-31,yes,2026-02-01`).join("\n");
    expect((await csvTo("/api/business/vendors/csv", `name,monthly_cost_usd,category,team,renewal_date,production,start_date\n${rows}\n`)()).status).toBe(200);
    const exported = parse(await (await app.request("/api/business/vendors/export")).text(), { columns: true }) as Record<string, string>[];
    const names = exported.map((r) => r.name!).filter((n) => hostile.some((h) => n.endsWith(h)));
    expect(names.sort()).toEqual(hostile.map((h) => `'${h}`).sort());
    expect(exported.every((r) => /^-?\d+\.\d\d$/.test(r.monthly_cost_usd!))).toBe(true);

    await app.request("/api/budgets/months/2026-09/teams/checkout", { method: "PUT", headers: { "content-type": "application/json", "x-actor": "@SUM(1+1)*cmd|' /C calc'!A0" }, body: JSON.stringify({ budgetUsd: "5.00" }) });
    const audit = await (await app.request("/api/audit/export?area=budgets")).text();
    expect(audit).toContain("'@SUM(1+1)");
    expect(audit).not.toMatch(/(^|,)@SUM/m);
    figures.add({ scenario: "CSV formula injection", injected: "cells starting with = + - @ in vendor names and an audit actor", outcome: "exported with a leading ' (text); amounts still numbers", passed: true });
  });
});
