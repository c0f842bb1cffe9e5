// Saving a review (a snapshot of its numbers) and reading it back with a note of what the live
// numbers now say differently. Saving is the one mutation: `saveReview` is where a role check goes.
import type { DbOrTx } from "../../db/client";
import type { Measure } from "../../db/queries/measure";
import { getStoredReview, insertReview, listStoredReviews, type StoredReview } from "../../db/queries/business-reviews";
import { buildReview, type ReviewRequest } from "./build-review";
import type { ReviewDocument } from "../../db/domain/review-model";
import { parsePeriod, parseScope } from "../../db/domain/review-period";
import { compareWithLive, type RestatementNote } from "./review-restatement";

export interface SavedReview {
  id: number;
  scope: string;
  period: string;
  measure: string;
  title: string;
  savedBy: string;
  savedAt: string;
  restatement: RestatementNote;
}

/** Builds the review from today's numbers, with the author's sections as written, and stores it. */
export async function saveReview(db: DbOrTx, request: ReviewRequest, authorSections: Record<string, string>, savedBy: string): Promise<SavedReview & { document: ReviewDocument }> {
  const document = await buildReview(db, request);
  document.authorSections = document.authorSections.map((s) => ({ ...s, body: authorSections[s.key]?.trim() ?? "" }));
  const row = await insertReview(db, document, savedBy);
  return { ...describe(row, { restated: false, figures: [], summary: null }), document };
}

async function withNote(db: DbOrTx, row: StoredReview, live: Map<string, Promise<ReviewDocument>>): Promise<SavedReview> {
  const key = `${row.scope}|${row.period}|${row.measure}`;
  // One live build per scope, period and measure, however many times it was saved.
  if (!live.has(key)) live.set(key, buildReview(db, { scope: parseScope(row.scope), period: parsePeriod(row.period), measure: row.measure as Measure }));
  return describe(row, compareWithLive(row.document, await live.get(key)!));
}

export async function listSavedReviews(db: DbOrTx, limit = 20): Promise<SavedReview[]> {
  const live = new Map<string, Promise<ReviewDocument>>();
  const rows = await listStoredReviews(db, limit);
  const out: SavedReview[] = [];
  for (const row of rows) out.push(await withNote(db, row, live));
  return out;
}

/** The saved document as it was, carrying the restatement note when the live numbers now differ. */
export async function getSavedReview(db: DbOrTx, id: number): Promise<(SavedReview & { document: ReviewDocument }) | null> {
  const row = await getStoredReview(db, id);
  if (!row) return null;
  const saved = await withNote(db, row, new Map());
  const note = saved.restatement.restated ? { savedAt: saved.savedAt, summary: saved.restatement.summary!, figures: saved.restatement.figures.map((f) => f.text) } : null;
  return { ...saved, document: { ...row.document, restatement: note } };
}

function describe(row: StoredReview, restatement: RestatementNote): SavedReview {
  return { id: row.id, scope: row.scope, period: row.period, measure: row.measure, title: row.title, savedBy: row.savedBy, savedAt: row.savedAt.toISOString(), restatement };
}
