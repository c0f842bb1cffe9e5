// Data hooks for /api/estimates: estimate without saving, save, and the saved list with its gaps.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import type { Measure } from "../routing/measure";

export type EstimateInput = InferRequestType<typeof api.estimates.preview.$post>["json"];
export type CostEstimate = InferResponseType<typeof api.estimates.preview.$post, 200>["estimate"];
export type SavedEstimate = InferResponseType<typeof api.estimates.$get, 200>["estimates"][number];

export function useEstimatePreview() {
  return useMutation({ mutationFn: ({ measure, ...json }: EstimateInput & { measure: Measure }) => readJson(api.estimates.preview.$post({ json, query: { measure } })) });
}

export function useSavedEstimates(params: { measure: Measure }) {
  return useQuery({ queryKey: ["saved-estimates", params], queryFn: () => readJson(api.estimates.$get({ query: params })) });
}

export function useSaveEstimate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ measure, actor, ...json }: EstimateInput & { measure: Measure; actor: string }) =>
      readJson(api.estimates.$post({ json, query: { measure } }, { headers: { "x-actor": actor.trim() || "dashboard" } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["saved-estimates"] }),
  });
}
