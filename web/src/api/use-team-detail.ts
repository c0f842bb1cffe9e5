import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import type { Measure } from "../routing/measure";

export type TeamDetail = InferResponseType<(typeof api.teams)[":teamId"]["$get"], 200>;
export type DailyBreakdown = TeamDetail["byService"];

export function useTeamDetail(params: { teamId: string; measure: Measure; from?: string; to?: string }, options: { enabled?: boolean } = {}) {
  const { teamId, ...query } = params;
  return useQuery({
    queryKey: ["team-detail", teamId, query],
    queryFn: () => readJson(api.teams[":teamId"].$get({ param: { teamId }, query })),
    // Changing the period keeps the old charts on screen until the new numbers arrive.
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
