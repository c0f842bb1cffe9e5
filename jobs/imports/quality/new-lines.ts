// The lines an import wrote (alias li): its new batches, within the window's partitions.
import { sql, type SQL } from "drizzle-orm";
import { sqlArray } from "../../../db/queries/anomaly-series";
import type { DayWindow } from "../../sync/billing-window";
import { daysInWindow } from "../../sync/days-in-window";

/** A line (alias li) of one of the import's new batches. */
export const inNewBatches = (batchIds: number[]): SQL => sql`li.batch_id = any(${sqlArray(batchIds.map(String))}::bigint[])`;

export const newLines = (window: DayWindow, batchIds: number[]): SQL => sql`${daysInWindow(window, "li")} and ${inNewBatches(batchIds)}`;
