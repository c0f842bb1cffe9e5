import type { Measure } from "../../routing/measure";

/** What the Ownership page's summary cards ask for; the page resolves the period once. */
export interface OwnershipParams {
  measure: Measure;
  from?: string;
  to?: string;
}
