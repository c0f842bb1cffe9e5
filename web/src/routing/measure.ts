// The cost measure every page reads, kept in the URL (?measure=) so it survives navigation and links.
import type { InferRequestType } from "hono/client";
import type { api } from "../api/client";
import { useHashLocation, updateHashParams } from "./hash-location";
import type { DashboardDefaults } from "../../../api/dashboard-defaults";

/** The API's own measure type (its zod enum), not a copy. */
export type Measure = NonNullable<InferRequestType<typeof api.overview.$get>["query"]["measure"]>;

export const MEASURES = [
  { value: "amortized", label: "Amortized", hint: "Reservations and savings plans spread over the days they cover" },
  { value: "unblended", label: "Unblended", hint: "What was charged on the day" },
  { value: "net_amortized", label: "Net amortized", hint: "Amortized, after discounts" },
] as const satisfies readonly { value: Measure; label: string; hint: string }[];

/** Typed by the API's literal: the cache warms this measure (api/default-views.ts). */
export const DEFAULT_MEASURE: Measure & DashboardDefaults["measure"] = "amortized";

function isMeasure(value: string | null): value is Measure {
  return MEASURES.some((m) => m.value === value);
}

export function useMeasure(): [Measure, (next: Measure) => void] {
  const value = useHashLocation().params.get("measure");
  const measure = isMeasure(value) ? value : DEFAULT_MEASURE;
  return [measure, (next) => updateHashParams({ measure: next === DEFAULT_MEASURE ? undefined : next })];
}
