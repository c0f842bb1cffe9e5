// One data hook per /api/metrics endpoint, every parameter in the query key.
import { useQuery, keepPreviousData } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import type { Measure } from "../routing/measure";

const metrics = api.metrics;

export type EfficiencyCards = InferResponseType<typeof metrics.efficiency.$get, 200>;
export type MetricCardData = NonNullable<EfficiencyCards["cards"]>["unitCost"];
export type TeamEfficiency = InferResponseType<typeof metrics.teams.$get, 200>;
export type RevenueView = NonNullable<InferResponseType<typeof metrics.revenue.$get, 200>["revenue"]>;
export type EnvironmentView = InferResponseType<typeof metrics.environments.$get, 200>;
export type OperatingModeView = NonNullable<InferResponseType<(typeof metrics)["operating-mode"]["$get"], 200>["diagnosis"]>;
export type CalculatorView = InferResponseType<typeof metrics.calculator.$get, 200>;
export type CalculatorParams = { loadedEngineerCostPerYear: string; effortEngineerWeeks: string; savingsPerMonth: string; horizonMonths: string; efficiencyTeamEngineers: string };

/** Before the first sync there is nothing to show: look again shortly. */
const untilSynced = (data: { lastCompleteBillingDay: string | null } | undefined) => (data && data.lastCompleteBillingDay === null ? 5_000 : false);

export function useEfficiencyCards(params: { measure: Measure; metric?: string }) {
  const query = { measure: params.measure, ...(params.metric ? { metric: params.metric } : {}) };
  return useQuery({ queryKey: ["metrics", "efficiency", query], queryFn: () => readJson(metrics.efficiency.$get({ query })), refetchInterval: (q) => untilSynced(q.state.data), placeholderData: keepPreviousData });
}

export function useTeamEfficiency(params: { measure: Measure }) {
  const query = { measure: params.measure };
  return useQuery({ queryKey: ["metrics", "teams", query], queryFn: () => readJson(metrics.teams.$get({ query })), refetchInterval: (q) => untilSynced(q.state.data) });
}

export function useRevenueView(params: { measure: Measure }) {
  const query = { measure: params.measure };
  return useQuery({ queryKey: ["metrics", "revenue", query], queryFn: () => readJson(metrics.revenue.$get({ query })) });
}

export function useEnvironmentView(params: { measure: Measure }) {
  const query = { measure: params.measure };
  return useQuery({ queryKey: ["metrics", "environments", query], queryFn: () => readJson(metrics.environments.$get({ query })), refetchInterval: (q) => untilSynced(q.state.data) });
}

export function useOperatingMode(params: { measure: Measure }) {
  const query = { measure: params.measure };
  return useQuery({ queryKey: ["metrics", "operating-mode", query], queryFn: () => readJson(metrics["operating-mode"].$get({ query })) });
}

export function useCalculator(params: { measure: Measure } & CalculatorParams) {
  return useQuery({ queryKey: ["metrics", "calculator", params], queryFn: () => readJson(metrics.calculator.$get({ query: params })), placeholderData: keepPreviousData });
}

/** Where a table's CSV downloads from (same parameters as the view). */
export function exportHref(table: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return `/api/metrics/export/${table}${query.size ? `?${query}` : ""}`;
}
