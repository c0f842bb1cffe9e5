CREATE TABLE "cost_rollup_daily" (
	"day" date NOT NULL,
	"team_id" text NOT NULL,
	"account_id" text NOT NULL,
	"service" text NOT NULL,
	"environment" text,
	"record_type" text NOT NULL,
	"unblended_cost" numeric NOT NULL,
	"amortized_cost" numeric NOT NULL,
	"net_amortized_cost" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_rollup_monthly" (
	"month" date NOT NULL,
	"team_id" text NOT NULL,
	"account_id" text NOT NULL,
	"service" text NOT NULL,
	"environment" text,
	"record_type" text NOT NULL,
	"unblended_cost" numeric NOT NULL,
	"amortized_cost" numeric NOT NULL,
	"net_amortized_cost" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owner_tag_key_rollup_daily" (
	"day" date NOT NULL,
	"account_id" text NOT NULL,
	"tag_key" text NOT NULL,
	"unblended_cost" numeric NOT NULL,
	"amortized_cost" numeric NOT NULL,
	"net_amortized_cost" numeric NOT NULL,
	"lines" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owner_value_rollup_daily" (
	"day" date NOT NULL,
	"account_id" text NOT NULL,
	"owner_value" text NOT NULL,
	"unblended_cost" numeric NOT NULL,
	"amortized_cost" numeric NOT NULL,
	"net_amortized_cost" numeric NOT NULL,
	"lines" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "cost_line_items_source_day_idx";--> statement-breakpoint
CREATE INDEX "cost_rollup_daily_day_idx" ON "cost_rollup_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "cost_rollup_daily_team_day_idx" ON "cost_rollup_daily" USING btree ("team_id","day");--> statement-breakpoint
CREATE INDEX "cost_rollup_monthly_month_idx" ON "cost_rollup_monthly" USING btree ("month");--> statement-breakpoint
CREATE INDEX "cost_rollup_monthly_team_month_idx" ON "cost_rollup_monthly" USING btree ("team_id","month");--> statement-breakpoint
CREATE INDEX "owner_tag_key_rollup_daily_day_idx" ON "owner_tag_key_rollup_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "owner_value_rollup_daily_day_idx" ON "owner_value_rollup_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "cost_line_items_source_batch_idx" ON "cost_line_items" USING btree ("source","batch_id");--> statement-breakpoint
CREATE INDEX "cost_line_items_source_day_idx" ON "cost_line_items" USING btree ("source","day","account_id");--> statement-breakpoint
-- Databases attributed before rollups existed: seed the cost rollups from attribution (the owner-tag rollups fill at the next attribution).
INSERT INTO "cost_rollup_daily" SELECT "day", "team_id", "account_id", "service", "environment", "record_type", sum("unblended_cost"), sum("amortized_cost"), sum("net_amortized_cost") FROM "attributed_costs" GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
INSERT INTO "cost_rollup_monthly" SELECT date_trunc('month', "day"::timestamp)::date, "team_id", "account_id", "service", "environment", "record_type", sum("unblended_cost"), sum("amortized_cost"), sum("net_amortized_cost") FROM "cost_rollup_daily" GROUP BY 1, 2, 3, 4, 5, 6;
