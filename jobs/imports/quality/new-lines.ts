// The lines an import wrote (alias li): its new batches, within the window's partitions.
import { sql, type SQL } from "drizzle-orm";
import { sqlArray } from "../../../db/queries/anomaly-series";
import type { DayWindow } from "../../sync/billing-window";
import { daysInWindow } from "../../sync/days-in-window";

export const newLines = (window: DayWindow, batchIds: number[]): SQL => sql`${daysInWindow(window, "li")} and li.batch_id = any(${sqlArray(batchIds.map(String))}::bigint[])`;
