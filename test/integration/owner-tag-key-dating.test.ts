// Owner-tag spellings are effective-dated like rules: a file that switches the owner tag from a later
// date re-attributes only the days from that date; earlier days keep the spelling they were read with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { costLineItems, COST_EXPLORER_SOURCE } from "../../db/schema";
import { parseOwnership } from "../../jobs/ownership/ownership-file";
import { applyOwnership, OWNERSHIP_FILE_SOURCE } from "../../jobs/ownership/apply-ownership";
import { attributeAndReconcile } from "../../jobs/attribution/attribute-and-reconcile";
import { loadOwnerTagKeys } from "../../jobs/sync/owner-tag-keys";
import { explainCell } from "../../jobs/attribution/why";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const TEAMS = `
orgs:
  - id: product
    name: Product
    groups:
      - id: commerce
        name: Commerce
        teams:
          - { id: payments, name: Payments }
          - { id: search, name: Search }
`;
const WINDOW = { start: "2026-01-01", end: "2026-03-01" };
// Every line names payments under "team" and search under "owner": the spelling in force decides.
const DAYS = ["2026-01-10", "2026-01-31", "2026-02-01", "2026-02-20"];

let database: TestDatabase;
const attribute = (runId: number) => database.db.transaction((tx) => attributeAndReconcile(tx, WINDOW, runId));
const teamByDay = () =>
  queryRows<{ day: string; team: string; amount: string }>(
    database.db,
    sql`select day::text, team_id as team, sum(amortized_cost)::text as amount from attributed_costs group by 1, 2 order by 1, 2`,
  );

beforeAll(async () => {
  database = await createTestDatabase();
  await applyOwnership(database.db, parseOwnership(`ownerTagKeys: [team]\n${TEAMS}`, "ownership.yaml"), { source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-01-15" });
  await database.db.insert(costLineItems).values(
    DAYS.map((day) => ({
      day, accountId: "111111111111", service: "Amazon Elastic Compute Cloud - Compute", recordType: "Usage", tags: { team: "payments", owner: "search" },
      unblendedCost: "10.25", amortizedCost: "10.25", netAmortizedCost: "9.75", source: COST_EXPLORER_SOURCE, batchId: 0,
    })),
  );
});
afterAll(async () => {
  await database?.drop();
});

describe("owner tag keys changed from a later date", () => {
  it("re-attributing the whole range leaves days before the change as they were and reads the new key from it", async () => {
    await attribute(1);
    const before = await teamByDay();
    expect(before.map((row) => `${row.day}:${row.team}`)).toEqual(DAYS.map((day) => `${day}:payments`));

    const applied = await applyOwnership(database.db, parseOwnership(`ownerTagKeys: [owner]\neffectiveFrom: "2026-02-01"\n${TEAMS}`, "ownership.yaml"), {
      source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-03-01",
    });
    expect(applied).toMatchObject({ effectiveFrom: "2026-02-01", changes: { ownerTagKeysChanged: true } });
    expect(applied.versionId).not.toBeNull();
    expect(await loadOwnerTagKeys(database.db)).toEqual(["owner"]);

    const { reconciliation } = await attribute(2);
    expect(reconciliation.mismatches).toEqual([]);
    expect(reconciliation.billedAmortized).toBe("41.00");
    const after = await teamByDay();
    expect(after.filter((row) => row.day < "2026-02-01")).toEqual(before.filter((row) => row.day < "2026-02-01"));
    expect(after.filter((row) => row.day >= "2026-02-01").map((row) => `${row.day}:${row.team}:${row.amount}`)).toEqual([
      "2026-02-01:search:10.25",
      "2026-02-20:search:10.25",
    ]);
  });

  it("'why' explains a day with the spellings of that day", async () => {
    const january = await explainCell(database.db, { teamId: "payments", day: "2026-01-31" });
    expect(january.sampleLines.map((line) => line.tags)).toEqual([{ team: "payments", owner: "search" }]);
    const february = await explainCell(database.db, { teamId: "search", day: "2026-02-01" });
    expect(february.sampleLines).toHaveLength(1);
  });

  it("applying the same file again changes nothing", async () => {
    const again = await applyOwnership(database.db, parseOwnership(`ownerTagKeys: [owner]\neffectiveFrom: "2026-02-01"\n${TEAMS}`, "ownership.yaml"), {
      source: OWNERSHIP_FILE_SOURCE, actor: "test", today: "2026-03-02",
    });
    expect(again.versionId).toBeNull();
  });
});
