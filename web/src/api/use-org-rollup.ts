import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import type { Measure } from "../routing/measure";

export type OrgRollup = InferResponseType<typeof api.org.$get, 200>;
export type OrgUnit = OrgRollup["units"][number];

export function useOrgRollup(params: { measure: Measure; from?: string; to?: string }, options: { enabled?: boolean } = {}) {
  const query = params;
  return useQuery({
    queryKey: ["org-rollup", query],
    queryFn: () => readJson(api.org.$get({ query })),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
