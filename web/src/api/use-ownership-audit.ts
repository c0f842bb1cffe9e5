import { useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";

export type OwnershipAudit = InferResponseType<typeof api.ownership.audit.$get, 200>;
export type AuditEntry = OwnershipAudit["entries"][number];

export function useOwnershipAudit(params: { limit?: number } = {}) {
  const query = { limit: String(params.limit ?? 50) };
  return useQuery({
    queryKey: ["ownership-audit", query],
    queryFn: () => readJson(api.ownership.audit.$get({ query })),
  });
}
