import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";

export type OwnershipRules = InferResponseType<typeof api.ownership.rules.$get, 200>;
export type OwnershipRule = OwnershipRules["rules"][number];

/** The rules in force today, in the order they are tried. */
export function useOwnershipRules() {
  return useQuery({
    queryKey: ["ownership-rules"],
    queryFn: () => readJson(api.ownership.rules.$get({ query: {} })),
  });
}
