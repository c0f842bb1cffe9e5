import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import type { Measure } from "../routing/measure";

export type Overview = InferResponseType<typeof api.overview.$get, 200>;

export function useOverview(params: { measure: Measure; months?: number }) {
  const query = { measure: params.measure, months: String(params.months ?? 14) };
  return useQuery({
    queryKey: ["overview", query],
    queryFn: () => readJson(api.overview.$get({ query })),
    // Before the first sync there is nothing to show: look again shortly.
    refetchInterval: (q) => (q.state.data && q.state.data.lastCompleteBillingDay === null ? 5_000 : false),
  });
}
