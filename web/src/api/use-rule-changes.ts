// Changing ownership rules: a dollar preview first, then the change itself. A change re-attributes
// past days, so every cached cost answer is stale afterwards.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "./client";
import { useMeasure } from "../routing/measure";

export type PendingChange = InferRequestType<typeof api.ownership.preview.$post>["json"];
export type RuleInput = InferRequestType<typeof api.ownership.rules.$post>["json"];
export type ChangePreview = InferResponseType<typeof api.ownership.preview.$post, 200>;
export type TeamMove = ChangePreview["moves"][number];

/** Until sign-in exists the API takes the actor from this header (api/routes/ownership.ts). */
const actorHeaders = (actor: string) => ({ headers: { "x-actor": actor.trim() || "dashboard" } });

/** Previews in the measure the page shows. */
export function usePreviewChange() {
  const [measure] = useMeasure();
  return useMutation({
    mutationFn: ({ change, actor }: { change: PendingChange; actor: string }) =>
      readJson(api.ownership.preview.$post({ query: { measure }, json: change }, actorHeaders(actor))),
  });
}

export function useApplyChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ change, actor }: { change: PendingChange; actor: string }): Promise<{ runId: number }> => {
      const options = actorHeaders(actor);
      switch (change.action) {
        case "create":
          return readJson(api.ownership.rules.$post({ json: change.rule }, options));
        case "update":
          return readJson(api.ownership.rules[":id"].$put({ param: { id: String(change.id) }, json: change.rule }, options));
        case "delete":
          return readJson(api.ownership.rules[":id"].$delete({ param: { id: String(change.id) }, query: { effectiveFrom: change.effectiveFrom } }, options));
      }
    },
    // Every figure may have moved: drop all cached answers rather than guess which.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
