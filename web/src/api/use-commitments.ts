// One data hook per /api/commitments endpoint, every parameter in the query key.
import { useQuery, keepPreviousData } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "./client";

export type CommitmentsOverview = InferResponseType<typeof api.commitments.$get, 200>;
export type CommitmentPlan = InferResponseType<typeof api.commitments.plan.$get, 200>;
export type TeamCommitments = InferResponseType<typeof api.commitments.teams.$get, 200>;
export type Simulation = InferResponseType<typeof api.commitments.simulate.$get, 200>;

export function useCommitments() {
  return useQuery({ queryKey: ["commitments"], queryFn: () => readJson(api.commitments.$get()) });
}

export function useCommitmentPlan(params: { confidence: number }) {
  const query = { confidence: String(params.confidence) };
  return useQuery({ queryKey: ["commitments", "plan", query], queryFn: () => readJson(api.commitments.plan.$get({ query })), placeholderData: keepPreviousData });
}

export function useTeamCommitments(params: { month?: string }) {
  const query = params.month ? { month: params.month } : {};
  return useQuery({ queryKey: ["commitments", "teams", query], queryFn: () => readJson(api.commitments.teams.$get({ query })), placeholderData: keepPreviousData });
}

/** `commitments` as the API spells them: type,termYears,paymentOption,hourlyUsd. Runs only when asked (enabled). */
export function useSimulation(params: { commitments: string[]; drop: string } | null) {
  const query = params ? { commitment: params.commitments, drop: params.drop } : { drop: "0" };
  return useQuery({ queryKey: ["commitments", "simulate", query], queryFn: () => readJson(api.commitments.simulate.$get({ query })), enabled: params !== null, placeholderData: keepPreviousData });
}
