// The control total: the bill per day and linked account from one Cost Explorer query grouped by
// LINKED_ACCOUNT alone, with no filter. The query plan (query-plan.ts) cuts the bill into disjoint
// filtered queries; this one does not, so a dollar the plan loses or fetches twice, or an export
// mapped wrongly or imported twice, no longer matches it.
import type { CostExplorerApi } from "../aws-apis";
import type { ApiCallBudget } from "../api-call-budget";
import type { DayWindow } from "../../sync/billing-window";
import { METRICS } from "./query-plan";

export interface ControlTotal {
  day: string;
  accountId: string;
  unblended: string;
  amortized: string;
  netAmortized: string;
}

export async function fetchControlTotals(api: CostExplorerApi, budget: ApiCallBudget, window: DayWindow): Promise<ControlTotal[]> {
  const totals: ControlTotal[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await budget.call(() =>
      api.getCostAndUsage({
        TimePeriod: { Start: window.start, End: window.end },
        Granularity: "DAILY",
        Metrics: [...METRICS],
        GroupBy: [{ Type: "DIMENSION", Key: "LINKED_ACCOUNT" }],
        NextPageToken: nextPageToken,
      }),
    );
    for (const result of page.ResultsByTime ?? []) {
      const day = result.TimePeriod?.Start;
      if (!day) continue;
      for (const group of result.Groups ?? []) {
        const accountId = group.Keys?.[0];
        if (!accountId) continue;
        const [unblended, amortized, netAmortized] = METRICS.map((metric) => {
          const amount = group.Metrics?.[metric]?.Amount;
          if (amount === undefined) throw new Error(`Cost Explorer's control-total answer for ${day}, account ${accountId} has no ${metric}`);
          return amount;
        });
        totals.push({ day, accountId, unblended: unblended!, amortized: amortized!, netAmortized: netAmortized! });
      }
    }
    nextPageToken = page.NextPageToken;
  } while (nextPageToken);
  return totals;
}
