CREATE TABLE "export_billed_days" (
	"day" date NOT NULL,
	"account_id" text NOT NULL,
	CONSTRAINT "export_billed_days_day_account_id_pk" PRIMARY KEY("day","account_id")
);
--> statement-breakpoint
CREATE TABLE "line_item_tag_keys" (
	"month" date NOT NULL,
	"tag_key" text NOT NULL,
	CONSTRAINT "line_item_tag_keys_month_tag_key_pk" PRIMARY KEY("month","tag_key")
);
--> statement-breakpoint
DROP INDEX "cost_line_items_source_day_idx";--> statement-breakpoint
DROP INDEX "cost_line_items_source_batch_idx";--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "first_day" date;--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "last_day" date;--> statement-breakpoint
CREATE INDEX "cost_line_items_day_brin_idx" ON "cost_line_items" USING brin ("day");--> statement-breakpoint
ALTER TABLE "cost_line_items" DROP COLUMN "id";--> statement-breakpoint
-- Every writer of line items registers their tag keys per month, unless it already has (a bulk
-- import knows them from the file's header and sets tallyboard.tag_keys_registered for its insert).
CREATE FUNCTION "register_line_item_tag_keys"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('tallyboard.tag_keys_registered', true), '') = 'on' THEN RETURN NULL; END IF;
  INSERT INTO "line_item_tag_keys" ("month", "tag_key")
    SELECT DISTINCT date_trunc('month', n."day")::date, k FROM new_rows n CROSS JOIN LATERAL jsonb_object_keys(n."tags") k
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "cost_line_items_tag_keys" AFTER INSERT ON "cost_line_items" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "register_line_item_tag_keys"();
--> statement-breakpoint
INSERT INTO "line_item_tag_keys" ("month", "tag_key")
  SELECT DISTINCT date_trunc('month', li."day")::date, k FROM "cost_line_items" li CROSS JOIN LATERAL jsonb_object_keys(li."tags") k;
--> statement-breakpoint
INSERT INTO "export_billed_days" ("day", "account_id")
  SELECT DISTINCT "day", "account_id" FROM "cost_line_items" WHERE "source" IN ('cur', 'focus');
--> statement-breakpoint
-- Raised from inside the import's mapping statement when a row fails the SQL checks (jobs/imports/sql-stage.ts):
-- volatile, so it is only ever called for such a row.
CREATE FUNCTION "import_row_refused"() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'a row the SQL checks refuse';
END $$;
