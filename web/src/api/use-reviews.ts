// Data hooks for /api/reviews: the document preview (JSON and its HTML rendering), saved reviews, saving.
import { useMutation, useQuery, useQueryClient, keepPreviousData } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, ApiRequestError, readJson } from "./client";
import type { Measure } from "../routing/measure";

export type ReviewDocument = InferResponseType<typeof api.reviews.preview.$get, 200>["document"];
export type SavedReview = InferResponseType<typeof api.reviews.$get, 200>["reviews"][number];
export type SaveReview = InferRequestType<typeof api.reviews.$post>["json"];
export interface ReviewParams {
  scope: string;
  period: string;
  measure: Measure;
}

export function useReviewPreview(params: ReviewParams) {
  return useQuery({ queryKey: ["review-preview", params], queryFn: () => readJson(api.reviews.preview.$get({ query: params })), placeholderData: keepPreviousData });
}

/** The self-contained HTML document, for the preview frame. */
export function useReviewHtml(params: ReviewParams) {
  return useQuery({
    queryKey: ["review-html", params],
    queryFn: async () => {
      const response = await api.reviews.export.$get({ query: { ...params, format: "html" } });
      if (!response.ok) throw new ApiRequestError(`The API answered ${response.status}`, response.status);
      return response.text();
    },
    placeholderData: keepPreviousData,
  });
}

export const exportUrl = (params: ReviewParams, format: "md" | "html" | "pdf") => `/api/reviews/export?${new URLSearchParams({ ...params, format })}`;
export const savedExportUrl = (id: number, format: "md" | "html" | "pdf") => `/api/reviews/${id}/export?format=${format}`;

export function useSavedReviews() {
  return useQuery({ queryKey: ["saved-reviews"], queryFn: () => readJson(api.reviews.$get({ query: {} })) });
}

export function useSaveReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ actor, ...json }: SaveReview & { actor: string }) => readJson(api.reviews.$post({ json }, { headers: { "x-actor": actor.trim() || "dashboard" } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["saved-reviews"] }),
  });
}
