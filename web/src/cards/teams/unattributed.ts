/** The catch-all owner of unowned spend; the same id as UNATTRIBUTED_TEAM_ID in db/schema/org.ts
 * (not imported, so the dashboard bundle carries no database code). */
export const UNATTRIBUTED_TEAM_ID = "unattributed";
