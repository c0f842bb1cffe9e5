// Saved business reviews: the document snapshot as it was when saved.
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { businessReviews } from "../schema";
import type { ReviewDocument } from "../domain/review-model";
import { formatScope } from "../domain/review-period";

export type StoredReview = typeof businessReviews.$inferSelect;

export async function insertReview(db: DbOrTx, document: ReviewDocument, savedBy: string): Promise<StoredReview> {
  const [row] = await db
    .insert(businessReviews)
    .values({ scope: formatScope(document.scope), period: document.period.label, measure: document.measure, title: document.title, document, savedBy })
    .returning();
  return row!;
}

export async function listStoredReviews(db: DbOrTx, limit: number): Promise<StoredReview[]> {
  return db.select().from(businessReviews).orderBy(desc(businessReviews.savedAt), desc(businessReviews.id)).limit(limit);
}

export async function getStoredReview(db: DbOrTx, id: number): Promise<StoredReview | null> {
  const [row] = await db.select().from(businessReviews).where(eq(businessReviews.id, id));
  return row ?? null;
}
