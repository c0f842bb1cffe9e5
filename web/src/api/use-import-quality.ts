import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, ApiRequestError, readJson } from "./client";

export type ImportQualityRecord = InferResponseType<(typeof api.imports)[":runId"]["quality"]["$get"], 200>;

/** The newest import's data-quality report; null until an import has written rows (the API's 404). */
export function useLatestImportQuality() {
  return useQuery({
    queryKey: ["import-quality", "latest"],
    queryFn: () =>
      readJson(api.imports[":runId"].quality.$get({ param: { runId: "latest" } })).catch((error: unknown) => {
        if (error instanceof ApiRequestError && error.status === 404) return null;
        throw error;
      }),
  });
}
