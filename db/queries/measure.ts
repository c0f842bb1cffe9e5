// Which cost measure a read uses; the column comes from this closed list, never from user text.
import { sql } from "drizzle-orm";
import { z } from "zod";

export const measureSchema = z.enum(["unblended", "amortized", "net_amortized"]).default("amortized");
export type Measure = z.infer<typeof measureSchema>;

const columns: Record<Measure, string> = {
  unblended: "unblended_cost",
  amortized: "amortized_cost",
  net_amortized: "net_amortized_cost",
};

/** `alias.column` for the measure, for use inside sql`` templates. */
export function measureColumn(measure: Measure, alias = "ac") {
  return sql.raw(`${alias}.${columns[measure]}`);
}
