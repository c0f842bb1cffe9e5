import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import type { Measure } from "../routing/measure";

export type OwnershipSummary = InferResponseType<typeof api.ownership.summary.$get, 200>;

export function useOwnershipSummary(params: { measure: Measure; from?: string; to?: string }, options: { enabled?: boolean } = {}) {
  const query = params;
  return useQuery({
    queryKey: ["ownership-summary", query],
    queryFn: () => readJson(api.ownership.summary.$get({ query })),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
