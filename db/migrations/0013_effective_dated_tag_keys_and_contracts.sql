ALTER TABLE "owner_tag_keys" DROP CONSTRAINT "owner_tag_keys_pkey";--> statement-breakpoint
ALTER TABLE "owner_tag_keys" DROP CONSTRAINT "owner_tag_keys_position_unique";--> statement-breakpoint
ALTER TABLE "owner_tag_keys" ADD COLUMN "id" serial PRIMARY KEY NOT NULL;--> statement-breakpoint
ALTER TABLE "owner_tag_keys" ADD COLUMN "valid_from" date DEFAULT '1970-01-01' NOT NULL;--> statement-breakpoint
ALTER TABLE "owner_tag_keys" ADD COLUMN "valid_to" date;--> statement-breakpoint
CREATE INDEX "owner_tag_keys_valid_from_idx" ON "owner_tag_keys" USING btree ("valid_from","position");
--> statement-breakpoint
-- Vendor contracts get their term. A row stored before this counts from the first month on (as it
-- did) until the vendor's first dated contract starts: its start was never recorded.
ALTER TABLE "vendors" DROP CONSTRAINT "vendors_pkey";--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "start_date" date DEFAULT '1970-01-01' NOT NULL;--> statement-breakpoint
ALTER TABLE "vendors" ALTER COLUMN "start_date" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "end_date" date;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_name_start_date_pk" PRIMARY KEY("name","start_date");
