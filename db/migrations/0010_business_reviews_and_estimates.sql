CREATE TABLE "business_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"period" text NOT NULL,
	"measure" text NOT NULL,
	"title" text NOT NULL,
	"document" jsonb NOT NULL,
	"saved_by" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_estimates" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"team_id" text,
	"launch_month" date,
	"input" jsonb NOT NULL,
	"estimate" jsonb NOT NULL,
	"saved_by" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cost_estimates" ADD CONSTRAINT "cost_estimates_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "business_reviews_scope_period_idx" ON "business_reviews" USING btree ("scope","period");--> statement-breakpoint
CREATE INDEX "cost_estimates_team_idx" ON "cost_estimates" USING btree ("team_id");