import type { Measure } from "../../routing/measure";

/** What every Team page card asks the team-detail endpoint for; the page resolves it once. */
export interface TeamDetailParams {
  teamId: string;
  measure: Measure;
  from?: string;
  to?: string;
}
