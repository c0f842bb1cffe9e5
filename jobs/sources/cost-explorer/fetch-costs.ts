// Runs the query plan against Cost Explorer (or the demo emulator), page by page, into cost lines.
import Decimal from "decimal.js";
import type { CostExplorerApi } from "../aws-apis";
import type { ApiCallBudget } from "../api-call-budget";
import type { DayWindow } from "../../sync/billing-window";
import { planCostQueries, METRICS } from "./query-plan";

export interface CostLine {
  day: string;
  accountId: string;
  service: string;
  recordType: string;
  tags: Record<string, string>;
  unblended: string;
  amortized: string;
  netAmortized: string;
}

export interface FetchedCosts {
  lines: CostLine[];
  accounts: { id: string; name: string }[];
}

export interface FetchProgress {
  done: number;
  total: number;
  label: string;
}

export async function fetchCosts(
  api: CostExplorerApi,
  budget: ApiCallBudget,
  window: DayWindow,
  ownerTagKeys: string[],
  onProgress: (progress: FetchProgress) => void = () => {},
): Promise<FetchedCosts> {
  const accounts = await listAccounts(api, budget, window);
  const queries = planCostQueries(
    window,
    accounts.map((a) => a.id),
    ownerTagKeys,
  );
  const lines: CostLine[] = [];
  for (const [index, query] of queries.entries()) {
    onProgress({ done: index, total: queries.length, label: query.label });
    let nextPageToken: string | undefined;
    do {
      const page = await budget.call(() => api.getCostAndUsage({ ...query.input, NextPageToken: nextPageToken }));
      for (const result of page.ResultsByTime ?? []) {
        const day = result.TimePeriod?.Start;
        if (!day) continue;
        for (const group of result.Groups ?? []) {
          const meaning = query.interpret(group);
          if (!meaning) continue;
          const [unblended, amortized, netAmortized] = METRICS.map((metric) => amountOf(group, metric, day));
          if ([unblended, amortized, netAmortized].every((amount) => new Decimal(amount!).isZero())) continue;
          lines.push({ day, accountId: query.accountId, ...meaning, unblended: unblended!, amortized: amortized!, netAmortized: netAmortized! });
        }
      }
      nextPageToken = page.NextPageToken;
    } while (nextPageToken);
  }
  onProgress({ done: queries.length, total: queries.length, label: "done" });
  return { lines, accounts };
}

/** A metric we asked for and did not get is an error, never a zero: the run would "succeed" with wrong costs. */
function amountOf(group: { Keys?: string[]; Metrics?: Record<string, { Amount?: string }> }, metric: string, day: string): string {
  const amount = group.Metrics?.[metric]?.Amount;
  if (amount === undefined || amount === "") throw new MissingMetricError(metric, group.Keys ?? [], day);
  return amount;
}

export class MissingMetricError extends Error {
  constructor(metric: string, keys: string[], day: string) {
    super(`Cost Explorer answered without the metric ${metric} for the group ${keys.join(" / ") || "(no keys)"} on ${day}; nothing was written`);
  }
}

async function listAccounts(api: CostExplorerApi, budget: ApiCallBudget, window: DayWindow) {
  const accounts: { id: string; name: string }[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await budget.call(() =>
      api.getDimensionValues({
        TimePeriod: { Start: window.start, End: window.end },
        Dimension: "LINKED_ACCOUNT",
        Context: "COST_AND_USAGE",
        NextPageToken: nextPageToken,
      }),
    );
    for (const value of page.DimensionValues ?? []) {
      if (value.Value) accounts.push({ id: value.Value, name: value.Attributes?.description ?? value.Value });
    }
    nextPageToken = page.NextPageToken;
  } while (nextPageToken);
  return accounts;
}
