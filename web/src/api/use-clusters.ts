import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import type { Measure } from "../routing/measure";
import { api, readJson } from "./client";

export type ClustersAnswer = InferResponseType<typeof api.clusters.$get, 200>;
export type ClusterSummary = ClustersAnswer["clusters"][number];

export function useClusters(params: { measure: Measure; grain: "day" | "month" }) {
  return useQuery({
    queryKey: ["clusters", params],
    queryFn: () => readJson(api.clusters.$get({ query: params })),
  });
}
