// One data hook per /api/budgets endpoint (and the team's nudges for the review), every parameter in the query key.
import { useMutation, useQuery, useQueryClient, keepPreviousData } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson, ApiRequestError } from "./client";
import type { Measure } from "../routing/measure";

const budgets = api.budgets;

export type BudgetReview = InferResponseType<typeof budgets.review.$get, 200>;
export type BudgetReviewRow = BudgetReview["teams"][number];
export type BudgetUnitRow = BudgetReview["units"][number];
export type BudgetMovers = InferResponseType<typeof budgets.movers.$get, 200>;
export type BudgetAuditEntry = InferResponseType<typeof budgets.audit.$get, 200>["entries"][number];
export type TeamNudge = InferResponseType<typeof api.nudges.$get, 200>["nudges"][number];

/** Until sign-in exists the API takes the actor from this header (as for ownership changes). */
const actorHeaders = (actor: string) => ({ headers: { "x-actor": actor.trim() || "dashboard" } });

export function useBudgetReview(params: { month?: string; measure: Measure; threshold?: string }) {
  const query = { measure: params.measure, ...(params.month ? { month: params.month } : {}), ...(params.threshold ? { threshold: params.threshold } : {}) };
  return useQuery({ queryKey: ["budgets", "review", query], queryFn: () => readJson(budgets.review.$get({ query })), placeholderData: keepPreviousData });
}

export function useBudgetMovers(params: { month: string; teamId: string; measure: Measure }) {
  return useQuery({ queryKey: ["budgets", "movers", params], queryFn: () => readJson(budgets.movers.$get({ query: params })) });
}

export function useBudgetAudit(params: { month?: string; limit?: number }) {
  const query = { limit: String(params.limit ?? 50), ...(params.month ? { month: params.month } : {}) };
  return useQuery({ queryKey: ["budgets", "audit", query], queryFn: () => readJson(budgets.audit.$get({ query })) });
}

/** The nudges raised for a team; `available: false` when this server has no nudges endpoint. */
export function useTeamNudges(teamId: string) {
  return useQuery({
    queryKey: ["nudges", "team", teamId],
    queryFn: async () => {
      try {
        return { available: true as const, nudges: (await readJson(api.nudges.$get({ query: { teamId, view: "active" } }))).nudges };
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 404) return { available: false as const, nudges: [] };
        throw error;
      }
    },
  });
}

export function useSaveBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ month, teamId, budgetUsd, actor }: { month: string; teamId: string; budgetUsd: string; actor: string }) =>
      readJson(budgets.months[":month"].teams[":teamId"].$put({ param: { month, teamId }, json: { budgetUsd } }, actorHeaders(actor))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["budgets"] }),
  });
}

export function useApproveOverrun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ actor, ...json }: { month: string; teamId: string; reason: string; measure: Measure; threshold: string; actor: string }) =>
      readJson(budgets.approvals.$post({ json }, actorHeaders(actor))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["budgets"] }),
  });
}
