CREATE TABLE "budget_approvals" (
	"id" serial PRIMARY KEY NOT NULL,
	"month" date NOT NULL,
	"team_id" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL,
	"measure" text NOT NULL,
	"budget_usd" numeric NOT NULL,
	"forecast_usd" numeric NOT NULL,
	"threshold_pct" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_audit" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"month" date NOT NULL,
	"team_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "team_budgets" (
	"month" date NOT NULL,
	"team_id" text NOT NULL,
	"budget_usd" numeric NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "team_budgets_month_team_id_pk" PRIMARY KEY("month","team_id")
);
--> statement-breakpoint
ALTER TABLE "budget_approvals" ADD CONSTRAINT "budget_approvals_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_budgets" ADD CONSTRAINT "team_budgets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_approvals_month_team_idx" ON "budget_approvals" USING btree ("month","team_id");--> statement-breakpoint
CREATE INDEX "budget_audit_month_team_idx" ON "budget_audit" USING btree ("month","team_id");