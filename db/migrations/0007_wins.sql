CREATE TABLE "wins" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"title" text NOT NULL,
	"shipped_on" date NOT NULL,
	"expected_monthly_savings_usd" numeric NOT NULL,
	"service" text,
	"account_id" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wins" ADD CONSTRAINT "wins_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wins_team_idx" ON "wins" USING btree ("team_id","shipped_on");