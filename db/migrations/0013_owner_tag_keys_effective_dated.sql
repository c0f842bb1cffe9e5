ALTER TABLE "owner_tag_keys" DROP CONSTRAINT "owner_tag_keys_pkey";--> statement-breakpoint
ALTER TABLE "owner_tag_keys" DROP CONSTRAINT "owner_tag_keys_position_unique";--> statement-breakpoint
ALTER TABLE "owner_tag_keys" ADD COLUMN "id" serial PRIMARY KEY NOT NULL;--> statement-breakpoint
ALTER TABLE "owner_tag_keys" ADD COLUMN "valid_from" date DEFAULT '1970-01-01' NOT NULL;--> statement-breakpoint
ALTER TABLE "owner_tag_keys" ADD COLUMN "valid_to" date;--> statement-breakpoint
CREATE INDEX "owner_tag_keys_valid_from_idx" ON "owner_tag_keys" USING btree ("valid_from","position");
