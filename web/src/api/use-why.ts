import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";

export type WhyAnswer = InferResponseType<typeof api.why.$get, 200>;
export type WhyDecision = WhyAnswer["decisions"][number];
export type WhyLine = WhyAnswer["sampleLines"][number];

export interface WhyCell {
  teamId: string;
  day: string;
  service?: string;
  accountId?: string;
}

export function useWhy(cell: WhyCell) {
  const query = { teamId: cell.teamId, day: cell.day, ...(cell.service ? { service: cell.service } : {}), ...(cell.accountId ? { accountId: cell.accountId } : {}) };
  return useQuery({
    queryKey: ["why", query],
    queryFn: () => readJson(api.why.$get({ query })),
  });
}
