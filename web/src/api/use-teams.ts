import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import type { Measure } from "../routing/measure";

export type TeamList = InferResponseType<typeof api.teams.$get, 200>;
export type TeamRow = TeamList["teams"][number];

export function useTeams(params: { measure: Measure }) {
  const query = { measure: params.measure };
  return useQuery({
    queryKey: ["teams", query],
    queryFn: () => readJson(api.teams.$get({ query })),
    refetchInterval: (q) => (q.state.data && q.state.data.lastCompleteBillingDay === null ? 5_000 : false),
  });
}
