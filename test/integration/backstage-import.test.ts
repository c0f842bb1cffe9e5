// A Backstage catalog imported as ownership rules on a real database: through changeOwnership the
// rules and the re-attribution commit together, the catalog's tagged spend moves to its team (the
// ownership file's rules still win), re-importing is a no-op, and a broken catalog writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
import { eq, isNull, sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { ownershipAudit, ownershipRules, ownershipVersions } from "../../db/schema";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { readOwnershipFile } from "../../jobs/ownership/ownership-file";
import { changeOwnership, previewOwnershipChange } from "../../jobs/ownership/change-ownership";
import { importBackstageCatalog, BACKSTAGE_SOURCE } from "../../jobs/ownership/backstage-import";
import { BackstageCatalogError } from "../../jobs/ownership/backstage-catalog";
import { USAGE_RECORD_TYPES } from "../../jobs/sources/cost-explorer/query-plan";
import { demoSource } from "../../jobs/sources/billing-source";
import { syncCosts } from "../../jobs/sync/sync-costs";
import type { BillingRow } from "../../jobs/sources/fixtures/dataset";
import { sampleRows } from "../fake-aws/sample-data";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { FakeBilling, expectedTeam, ownership, sumBy, withOwnerTagSpellings } from "../support/sync-harness";

const TODAY = "2026-04-01";
const rows = withOwnerTagSpellings(sampleRows({ start: "2026-01-01", days: 90 }));
const syncOptions = { restatementDays: 5, historyMonths: 13, retry: { retries: 0, baseDelayMs: 0 } };

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: billing-platform
spec:
  owner: group:default/payments
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: legacy-billing
  annotations:
    tallyboard.io/aws-tag-value: legacy-billing
spec:
  system: billing-platform
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: search-api
  annotations:
    tallyboard.io/aws-tag-value: search-svc
spec:
  owner: search
`;
const catalog = (text = CATALOG) => [{ fileName: "catalog-info.yaml", text }];
const importing = (text = CATALOG, effectiveFrom?: string) => (tx: Parameters<typeof importBackstageCatalog>[0]) =>
  importBackstageCatalog(tx, catalog(text), { actor: "ana@example.com", effectiveFrom, today: TODAY });

/** Where each sample row goes once legacy-billing means payments: the file's rules still come first. */
function teamWithCatalog(row: BillingRow): string {
  const key = ownership.ownerTagKeys.find((k) => (row.tags[k] ?? "").trim() !== "");
  const accountOwner = ownership.accounts.find((a) => a.id === row.accountId)?.owner;
  const claimed = USAGE_RECORD_TYPES.includes(row.recordType) && key !== undefined && row.tags[key]!.trim().toLowerCase() === "legacy-billing";
  return claimed && !accountOwner ? "payments" : expectedTeam(row);
}

let database: TestDatabase;
let billing: FakeBilling;

async function teamTotals(db = database) {
  const result = await queryRows<{ team: string; amount: string }>(
    db.db,
    sql`select team_id as team, sum(unblended_cost)::text as amount from attributed_costs group by 1 having sum(unblended_cost) <> 0 order by 1`,
  );
  return Object.fromEntries(result.map((r) => [r.team, new Decimal(r.amount).toString()]));
}
async function counts() {
  const [row] = await queryRows<{ rules: number; versions: number; audit: number }>(
    database.db,
    sql`select (select count(*)::int from ownership_rules) as rules, (select count(*)::int from ownership_versions) as versions, (select count(*)::int from ownership_audit) as audit`,
  );
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, ownership, { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: TODAY });
  billing = await FakeBilling.start(rows, []);
  const run = await syncCosts(database, billing.source(TODAY), syncOptions);
  expect(run.error).toBeUndefined();
});
afterAll(async () => {
  await billing?.fake.close();
  await database?.drop();
});

describe("Backstage catalog import", () => {
  it("moves legacy-billing-tagged spend in accounts without an owner to payments, as the preview said, and reconciles", async () => {
    expect(await teamTotals()).toEqual(sumBy(rows, expectedTeam));
    const preview = await previewOwnershipChange(database.db, importing(), "unblended");
    const expected = sumBy(rows, teamWithCatalog);
    expect(expected.unattributed).not.toBe(sumBy(rows, expectedTeam).unattributed); // the catalog does claim something
    expect(await counts()).toMatchObject({ versions: 1 }); // the preview kept nothing

    const { result, run } = await changeOwnership(database, "aws", importing());
    expect(run.status).toBe("succeeded");
    expect(run.details?.reconciliation).toMatchObject({ mismatches: [] });
    expect(result).toMatchObject({ entities: 3, rules: 2, changes: { rulesOpened: 2, rulesClosed: 0, rulesUnchanged: 0 } });
    expect(await teamTotals()).toEqual(expected);
    const moved = preview.moves.find((m) => m.teamId === "payments")!;
    expect(new Decimal(moved.after).toString()).toBe(expected.payments);

    const rules = await database.db.select().from(ownershipRules).where(eq(ownershipRules.source, BACKSTAGE_SOURCE));
    expect(rules.map((r) => [r.kind, r.tagValue, r.teamId, r.priority, r.validFrom, r.validTo])).toEqual([
      ["tag", "legacy-billing", "payments", 6000, "1970-01-01", null],
      ["tag", "search-svc", "search", 6001, "1970-01-01", null],
    ]);
    const [audit] = await database.db.select().from(ownershipAudit).where(eq(ownershipAudit.action, "backstage.import"));
    expect(audit).toMatchObject({ actor: "ana@example.com", before: { rules: 0 }, after: { rules: 2, rulesOpened: 2, effectiveFrom: "1970-01-01" } });
    const [version] = await database.db.select().from(ownershipVersions).where(eq(ownershipVersions.id, audit!.versionId!));
    expect(version).toMatchObject({ source: BACKSTAGE_SOURCE, effectiveFrom: "1970-01-01" });
  });

  it("importing the same catalog again changes nothing and re-attributes nothing", async () => {
    const before = { counts: await counts(), totals: await teamTotals() };
    const { result, run } = await changeOwnership(database, "aws", importing());
    expect(result).toMatchObject({ versionId: null, changes: { rulesOpened: 0, rulesClosed: 0, rulesUnchanged: 2 } });
    expect(run.window).toBeUndefined();
    expect({ counts: await counts(), totals: await teamTotals() }).toEqual(before);
  });

  it.each([
    ["an unknown team", CATALOG.replace("owner: search", "owner: group:default/nobody"), "BAD_REQUEST", 'catalog-info.yaml line 24, entity component:default/search-api, field spec.owner: unknown team "nobody"'],
    ["a cyclic group hierarchy", CATALOG + "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  parent: payments\n  children: []\n", "BAD_REQUEST", "cyclic hierarchy"],
    ["an invalid pattern", CATALOG.replace("tag-value: search-svc", "resource-pattern: a b"), "BAD_REQUEST", 'field metadata.annotations.tallyboard.io/aws-resource-pattern: invalid pattern "a b"'],
    [
      "a rule that gives the ownership file's match to another team",
      CATALOG.replace("tag-value: search-svc", "tag-value: search-svc, legacy-reports").replace("owner: search", "owner: payments"),
      "CONFLICT",
      'line 22, entity component:default/search-api, field metadata.annotations.tallyboard.io/aws-tag-value: tag "search-svc" gives team "payments" what rule',
    ],
  ])("rejects a catalog with %s whole: nothing is written", async (_, text, code, message) => {
    const before = { counts: await counts(), totals: await teamTotals() };
    const failure = await changeOwnership(database, "aws", importing(text.replace("legacy-billing\nspec", "legacy-billing, billing-v1\nspec"))).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BackstageCatalogError);
    expect(failure).toMatchObject({ code });
    expect((failure as Error).message).toContain(message);
    expect({ counts: await counts(), totals: await teamTotals() }).toEqual(before);
  });

  it("a changed catalog keeps unchanged rules' ids and closes the removed one from its date", async () => {
    const [kept] = await database.db.select().from(ownershipRules).where(eq(ownershipRules.tagValue, "legacy-billing"));
    const withoutSearch = CATALOG.slice(0, CATALOG.indexOf("---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: search-api"));
    const { result, run } = await changeOwnership(database, "aws", importing(withoutSearch, "2026-03-01"));
    expect(result.changes).toEqual({ rulesOpened: 0, rulesClosed: 1, rulesUnchanged: 1 });
    expect(run.window).toEqual({ start: "2026-03-01", end: TODAY });
    const inForce = await database.db.select().from(ownershipRules).where(isNull(ownershipRules.validTo));
    expect(inForce.filter((r) => r.source === BACKSTAGE_SOURCE).map((r) => r.id)).toEqual([kept!.id]);
    expect(inForce.filter((r) => r.tagValue === "search-svc").map((r) => r.source)).toEqual([OWNERSHIP_FILE_SOURCE]); // the file's own rule stays
    const [ended] = await queryRows<{ valid_to: string }>(database.db, sql`select valid_to::text from ownership_rules where source = 'backstage' and tag_value = 'search-svc'`);
    expect(ended!.valid_to).toBe("2026-03-01");
  });
});

describe("the sample catalog on the demo company", () => {
  let demo: TestDatabase;
  beforeAll(async () => {
    demo = await createTestDatabase();
    await applyOwnership(demo.db, readOwnershipFile("fixtures/demo/ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-11-21" });
    const run = await syncCosts(demo, demoSource("fixtures/demo"), syncOptions);
    expect(run.error).toBeUndefined();
  }, 300_000);
  afterAll(async () => demo?.drop());

  it("claims legacy-billing (13658.11) and growth-experiments (7761.20): unattributed amortized falls by 21419.31", async () => {
    const unattributed = async () => {
      const [row] = await queryRows<{ amount: string }>(demo.db, sql`select sum(amortized_cost)::text as amount from attributed_costs where team_id = 'unattributed'`);
      return new Decimal(row!.amount);
    };
    const before = await unattributed();
    const text = readFileSync("fixtures/backstage/catalog-info.yaml", "utf8");
    const { result, run } = await changeOwnership(demo, "demo", (tx) =>
      importBackstageCatalog(tx, [{ fileName: "catalog-info.yaml", text }], { actor: "test", today: "2026-11-21" }),
    );
    expect(run.status).toBe("succeeded");
    expect(result.rules).toBe(7);
    expect(before.minus(await unattributed()).toFixed(2)).toBe("21419.31");
  }, 300_000);
});
