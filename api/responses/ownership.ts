// Answers of /api/ownership: the summary, rules and their changes, previews, the Backstage import, the audit.
import { z } from "zod";
import { count, day, decimal, snapshot, timestamp } from "./common";

const ruleKind = z.enum(["tag", "account", "service", "resource"]);
const window = z.object({ start: day, end: day });
const moves = z.array(z.object({ teamId: z.string(), before: decimal, after: decimal, delta: decimal }));
const keyed = z.object({ key: z.string(), label: z.string(), amount: decimal });

export const ownershipSummaryAnswer = z.object({
  period: z.object({ from: day, to: day }),
  byDay: z.array(z.object({ day, total: decimal, attributed: decimal })),
  unattributedByAccount: z.array(keyed),
  unattributedByService: z.array(keyed),
  unclaimedTagValues: z.array(z.object({ value: z.string(), amount: decimal, lines: count })),
  tagKeysSeen: z.array(z.object({ tagKey: z.string(), configured: z.boolean(), amount: decimal, lines: count })),
  untaggedResources: z.object({
    count,
    largest: z.array(z.object({ arn: z.string(), accountId: z.string(), region: z.string(), service: z.string(), resourceType: z.string(), lastSeenAt: z.string(), amount: decimal.nullable() })),
    /** Line items, or the engine of the pass that left only grouped facts in the range (docs/engines.md). */
    largestFrom: z.enum(["line items", "duckdb", "athena", "unavailable"]),
    /** Why the engine could not be asked (largestFrom "unavailable"). */
    error: z.string().optional(),
  }),
});

export const ruleListAnswer = z.object({
  rules: z.array(
    z.object({ id: count, priority: count, kind: ruleKind, match: z.string(), teamId: z.string(), teamName: z.string(), validFrom: day, validTo: day.nullable(), source: z.string(), versionId: count.nullable() }),
  ),
});

const rule = z.object({
  id: count,
  priority: count,
  kind: ruleKind,
  tagValue: z.string().nullable(),
  accountId: z.string().nullable(),
  service: z.string().nullable(),
  resourcePattern: z.string().nullable(),
  resourceRegex: z.string().nullable(),
  teamId: z.string(),
  validFrom: day,
  validTo: day.nullable(),
  source: z.string(),
  versionId: count.nullable(),
  createdAt: timestamp,
});
/** `runId`: the re-attribution run the change started. */
export const ruleChangedAnswer = z.object({ rule, runId: count });
export const ruleClosedAnswer = z.object({ rule: z.object({ id: count, validTo: day }), runId: count });

export const ownershipPreviewAnswer = z.object({ window: window.nullable(), measure: z.enum(["unblended", "amortized", "net_amortized"]), moves });

const backstageResult = z.object({
  versionId: count.nullable(),
  entities: count,
  rules: count,
  changes: z.object({ rulesOpened: count, rulesClosed: count, rulesUnchanged: count }),
});
/** A preview answers the moves and no run; an import answers the run. */
export const backstageAnswer = z.union([z.object({ window: window.nullable(), moves, import: backstageResult }), z.object({ import: backstageResult, runId: count })]);

export const ownershipAuditAnswer = z.object({
  entries: z.array(z.object({ id: count, at: timestamp, actor: z.string(), action: z.string(), versionId: count.nullable(), before: snapshot, after: snapshot })),
});
