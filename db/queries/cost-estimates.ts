// Saved cost estimates: the description and the estimate as they were when saved.
import { desc } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { costEstimates } from "../schema";
import type { CostEstimate, EstimateInput } from "../domain/estimate-model";

export type StoredEstimate = typeof costEstimates.$inferSelect;

export async function insertEstimate(db: DbOrTx, input: EstimateInput, estimate: CostEstimate, savedBy: string): Promise<StoredEstimate> {
  const [row] = await db
    .insert(costEstimates)
    .values({ title: input.title, teamId: input.teamId, launchMonth: input.launchMonth ? `${input.launchMonth}-01` : null, input, estimate, savedBy })
    .returning();
  return row!;
}

export async function listStoredEstimates(db: DbOrTx, limit: number): Promise<StoredEstimate[]> {
  return db.select().from(costEstimates).orderBy(desc(costEstimates.savedAt), desc(costEstimates.id)).limit(limit);
}
