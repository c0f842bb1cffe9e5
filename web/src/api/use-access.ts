// The audit trail, API tokens and users, read and changed through the API.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "./client";

export type AuditTrail = InferResponseType<typeof api.audit.$get, 200>;
export type AuditArea = NonNullable<InferRequestType<typeof api.audit.$get>["query"]["area"]>;
export type ApiToken = InferResponseType<typeof api.tokens.$get, 200>["tokens"][number];
export type NewToken = InferRequestType<typeof api.tokens.$post>["json"];

export function useAuditTrail(area: AuditArea | undefined) {
  const query = { limit: "200", ...(area ? { area } : {}) };
  return useQuery({ queryKey: ["audit", query], queryFn: () => readJson(api.audit.$get({ query })) });
}

export const auditExportUrl = (area: AuditArea | undefined) => `/api/audit/export?limit=10000${area ? `&area=${area}` : ""}`;

export function useTokens() {
  return useQuery({ queryKey: ["tokens"], queryFn: () => readJson(api.tokens.$get()) });
}

export function useUsers() {
  return useQuery({ queryKey: ["users"], queryFn: () => readJson(api.users.$get()) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: NewToken) => readJson(api.tokens.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["tokens"] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => readJson(api.tokens[":id"].$delete({ param: { id: String(id) } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["tokens"] }),
  });
}
