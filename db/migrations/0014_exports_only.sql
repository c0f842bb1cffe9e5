-- Whose data a database holds: the bundled demo company's, or a company's own. The demo's inputs
-- (budgets, business inputs, ownership) are never written into a company's database, nor a
-- company's exports into the demo's (jobs/data-origin.ts).
CREATE TABLE "data_origin" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"kind" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_origin_one_row" CHECK ("id" = 1),
	CONSTRAINT "data_origin_kind" CHECK ("kind" IN ('demo', 'company'))
);
--> statement-breakpoint
-- A database used before this table: the demo's if the demo ever synced into it, a company's if it holds any billing.
INSERT INTO "data_origin" ("kind")
  SELECT CASE WHEN EXISTS (SELECT 1 FROM "job_runs" WHERE "source" = 'demo') THEN 'demo' ELSE 'company' END
  WHERE EXISTS (SELECT 1 FROM "job_runs" WHERE "source" = 'demo') OR EXISTS (SELECT 1 FROM "cost_line_items");
