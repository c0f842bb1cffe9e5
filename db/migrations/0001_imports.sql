CREATE TABLE "import_batches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"format" text NOT NULL,
	"billing_period" date NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "import_batches_period_idx" ON "import_batches" USING btree ("source","billing_period","status");