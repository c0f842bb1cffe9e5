// Nudges: a team's inbox, the actions on a nudge, delivery settings and the delivery log.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "./client";

export type NudgeList = InferResponseType<typeof api.nudges.$get, 200>;
export type Nudge = NudgeList["nudges"][number];
export type NudgeView = NonNullable<InferRequestType<typeof api.nudges.$get>["query"]["view"]>;
export type NudgeActionInput = InferRequestType<(typeof api.nudges)[":id"]["actions"]["$post"]>["json"];
export type DeliverySettings = InferResponseType<(typeof api.nudges.settings)[":teamId"]["$get"], 200>["settings"];
export type Delivery = InferResponseType<typeof api.nudges.deliveries.$get, 200>["deliveries"][number];

/** Until sign-in exists the API takes the actor from this header (api/routes/nudges.ts). */
const actorHeaders = (actor: string) => ({ headers: { "x-actor": actor.trim() || "dashboard" } });

export function useNudges(params: { teamId?: string; view: NudgeView }) {
  const query = { view: params.view, ...(params.teamId ? { teamId: params.teamId } : {}) };
  return useQuery({ queryKey: ["nudges", query], queryFn: () => readJson(api.nudges.$get({ query })) });
}

export function useNudgeAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, actor }: { id: number; action: NudgeActionInput; actor: string }) =>
      readJson(api.nudges[":id"].actions.$post({ param: { id: String(id) }, json: action }, actorHeaders(actor))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["nudges"] }),
  });
}

export function useNudgeSettings(teamId: string) {
  return useQuery({ queryKey: ["nudge-settings", teamId], queryFn: () => readJson(api.nudges.settings[":teamId"].$get({ param: { teamId } })) });
}

export function useSaveNudgeSettings(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ change, actor }: { change: InferRequestType<(typeof api.nudges.settings)[":teamId"]["$put"]>["json"]; actor: string }) =>
      readJson(api.nudges.settings[":teamId"].$put({ param: { teamId }, json: change }, actorHeaders(actor))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["nudge-settings", teamId] }),
  });
}

export function useNudgeDeliveries(teamId: string) {
  return useQuery({ queryKey: ["nudge-deliveries", teamId], queryFn: () => readJson(api.nudges.deliveries.$get({ query: { teamId } })) });
}
