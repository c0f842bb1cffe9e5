// The Cost Explorer query plan: account x service x owner tag x record type with at most two GroupBy keys.
//
// Cost Explorer groups by two keys and charges per request (every page), so the plan is:
//   1. GetDimensionValues(LINKED_ACCOUNT) once: the accounts and their names.
//   2. Per account, per owner-tag spelling k[i] in precedence order (team, Team, owner...):
//        Filter  LINKED_ACCOUNT = a AND RECORD_TYPE in usage types AND k[0..i-1] ABSENT
//        GroupBy SERVICE, TAG k[i]
//      Query i keeps the groups that carry k[i]; spend without k[i] is picked up by query i+1,
//      and the last query keeps the rest as untagged. The filters make the queries disjoint, so
//      every usage dollar is fetched exactly once, under the first owner-tag spelling it carries.
//   3. Per account, the charges that carry no tags (tax, support, credits, refunds, RI/SP fees):
//        Filter  LINKED_ACCOUNT = a AND NOT RECORD_TYPE in usage types
//        GroupBy SERVICE, RECORD_TYPE
// Requests per sync = 1 + accounts x (owner-tag spellings + 1), times pages.
import type { Expression, GetCostAndUsageCommandInput, Group } from "@aws-sdk/client-cost-explorer";
import type { DayWindow } from "../../sync/billing-window";

/** Record types that carry resource tags; their record type is kept as the family name "Usage". */
export const USAGE_RECORD_TYPES = ["Usage", "DiscountedUsage", "SavingsPlanCoveredUsage", "SavingsPlanNegation"];
export const METRICS = ["UnblendedCost", "AmortizedCost", "NetAmortizedCost"] as const;

export interface GroupMeaning {
  service: string;
  recordType: string;
  tags: Record<string, string>;
}

export interface PlannedQuery {
  label: string;
  accountId: string;
  input: Omit<GetCostAndUsageCommandInput, "NextPageToken">;
  /** What a result group means, or null when a later query owns it. */
  interpret(group: Group): GroupMeaning | null;
}

const dimension = (Key: "LINKED_ACCOUNT" | "RECORD_TYPE", Values: string[]): Expression => ({ Dimensions: { Key, Values } });
const absentTag = (Key: string): Expression => ({ Tags: { Key, MatchOptions: ["ABSENT"] } });

export function planCostQueries(window: DayWindow, accountIds: string[], ownerTagKeys: string[]): PlannedQuery[] {
  if (ownerTagKeys.length === 0) throw new Error("at least one owner tag key is needed");
  const base = { TimePeriod: { Start: window.start, End: window.end }, Granularity: "DAILY" as const, Metrics: [...METRICS] };
  return accountIds.flatMap((accountId) => [
    ...ownerTagKeys.map((tagKey, i): PlannedQuery => {
      const isLast = i === ownerTagKeys.length - 1;
      return {
        label: `${accountId} usage by service x tag:${tagKey}`,
        accountId,
        input: {
          ...base,
          Filter: {
            And: [
              dimension("LINKED_ACCOUNT", [accountId]),
              dimension("RECORD_TYPE", USAGE_RECORD_TYPES),
              ...ownerTagKeys.slice(0, i).map(absentTag),
            ],
          },
          GroupBy: [
            { Type: "DIMENSION", Key: "SERVICE" },
            { Type: "TAG", Key: tagKey },
          ],
        },
        interpret(group) {
          const [service = "", tagGroupKey = ""] = group.Keys ?? [];
          const value = tagGroupKey.slice(tagGroupKey.indexOf("$") + 1);
          if (value === "" && !isLast) return null;
          return { service, recordType: "Usage", tags: value === "" ? {} : { [tagKey]: value } };
        },
      };
    }),
    {
      label: `${accountId} other charges by service x record type`,
      accountId,
      input: {
        ...base,
        Filter: {
          And: [dimension("LINKED_ACCOUNT", [accountId]), { Not: dimension("RECORD_TYPE", USAGE_RECORD_TYPES) }],
        },
        GroupBy: [
          { Type: "DIMENSION", Key: "SERVICE" },
          { Type: "DIMENSION", Key: "RECORD_TYPE" },
        ],
      },
      interpret(group) {
        const [service = "", recordType = ""] = group.Keys ?? [];
        return { service, recordType, tags: {} };
      },
    },
  ]);
}
