-- A row written by a resource-level engine (DuckDB, Athena) is a grouped fact standing for many
-- line items: how many. Null is one line (every row the import or a sync writes).
ALTER TABLE "cost_line_items" ADD COLUMN "line_count" integer;
