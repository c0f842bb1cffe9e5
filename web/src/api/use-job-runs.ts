import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";

export type JobRuns = InferResponseType<typeof api["job-runs"]["$get"], 200>;
export type JobRun = JobRuns["runs"][number];

export function useJobRuns(params: { limit?: number } = {}) {
  const query = { limit: String(params.limit ?? 50) };
  return useQuery({
    queryKey: ["job-runs", query],
    queryFn: () => readJson(api["job-runs"].$get({ query })),
    // While a job runs, follow it.
    refetchInterval: (q) => (q.state.data?.runs.some((run) => run.status === "running") ? 3_000 : false),
  });
}

/** The newest day whose billing is complete, from the same cached answer the Data sync page uses. */
export function useLastCompleteBillingDay() {
  const runs = useJobRuns();
  return { ...runs, data: runs.data?.lastCompleteBillingDay };
}
