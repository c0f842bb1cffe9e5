// One data hook per /api/leaderboard and /api/wins endpoint, every parameter in the query key.
import { useMutation, useQuery, useQueryClient, keepPreviousData } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import type { Measure } from "../routing/measure";

export type Leaderboard = InferResponseType<typeof api.leaderboard.$get, 200>;
export type LeaderboardRow = Leaderboard["teams"][number];
export type Win = InferResponseType<typeof api.wins.$get, 200>["wins"][number];
export type NewWin = InferRequestType<typeof api.wins.$post>["json"];

export function useLeaderboard(params: { month?: string; measure: Measure }) {
  const query = { measure: params.measure, ...(params.month ? { month: params.month } : {}) };
  return useQuery({ queryKey: ["leaderboard", query], queryFn: () => readJson(api.leaderboard.$get({ query })), placeholderData: keepPreviousData });
}

export function useWins(params: { measure: Measure }) {
  return useQuery({ queryKey: ["wins", params], queryFn: () => readJson(api.wins.$get({ query: params })) });
}

export function useRecordWin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ actor, measure, ...json }: NewWin & { actor: string; measure: Measure }) =>
      readJson(api.wins.$post({ json, query: { measure } }, { headers: { "x-actor": actor.trim() || "dashboard" } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["wins"] });
      await queryClient.invalidateQueries({ queryKey: ["leaderboard"] });
    },
  });
}
