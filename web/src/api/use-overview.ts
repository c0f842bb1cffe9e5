import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import type { Measure } from "../routing/measure";
import type { DashboardDefaults } from "../../../api/dashboard-defaults";

/** Typed by the API's literal: the cache warms this view (api/default-views.ts). */
const DEFAULT_MONTHS: DashboardDefaults["overviewMonths"] = 14;

export type Overview = InferResponseType<typeof api.overview.$get, 200>;

export function useOverview(params: { measure: Measure; months?: number }) {
  const query = { measure: params.measure, months: String(params.months ?? DEFAULT_MONTHS) };
  return useQuery({
    queryKey: ["overview", query],
    queryFn: () => readJson(api.overview.$get({ query })),
    // Before the first sync there is nothing to show: look again shortly.
    refetchInterval: (q) => (q.state.data && q.state.data.lastCompleteBillingDay === null ? 5_000 : false),
  });
}
