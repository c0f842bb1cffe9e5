CREATE TABLE "commitment_coverage" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"group_key" text DEFAULT '' NOT NULL,
	"covered" numeric NOT NULL,
	"on_demand" numeric NOT NULL,
	"coverage_percentage" numeric,
	"on_demand_cost" numeric,
	"unit" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitment_recommendations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"product" text NOT NULL,
	"term_years" integer NOT NULL,
	"payment_option" text NOT NULL,
	"lookback_days" integer NOT NULL,
	"account_scope" text NOT NULL,
	"account_id" text,
	"region" text,
	"subject" text NOT NULL,
	"quantity" numeric NOT NULL,
	"quantity_unit" text NOT NULL,
	"upfront_cost" numeric,
	"monthly_savings" numeric,
	"savings_percentage" numeric,
	"monthly_on_demand" numeric,
	"average_utilization" numeric,
	"break_even_months" numeric,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitment_utilization" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"subscription_id" text DEFAULT '' NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"utilization_percentage" numeric,
	"purchased" numeric NOT NULL,
	"used" numeric NOT NULL,
	"unused" numeric NOT NULL,
	"unit" text NOT NULL,
	"net_savings" numeric,
	"amortized_fee" numeric,
	"on_demand_equivalent" numeric
);
--> statement-breakpoint
CREATE INDEX "commitment_coverage_run_idx" ON "commitment_coverage" USING btree ("run_id","kind");--> statement-breakpoint
CREATE INDEX "commitment_recommendations_run_idx" ON "commitment_recommendations" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "commitment_utilization_run_idx" ON "commitment_utilization" USING btree ("run_id","kind");