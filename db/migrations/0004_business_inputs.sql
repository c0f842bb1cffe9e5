CREATE TABLE "headcount" (
	"month" date NOT NULL,
	"team_id" text NOT NULL,
	"engineers" integer NOT NULL,
	CONSTRAINT "headcount_month_team_id_pk" PRIMARY KEY("month","team_id")
);
--> statement-breakpoint
CREATE TABLE "metric_goals" (
	"metric_key" text NOT NULL,
	"applies_from" date NOT NULL,
	"target_value" numeric NOT NULL,
	"unit_n" integer DEFAULT 1 NOT NULL,
	"team_id" text,
	CONSTRAINT "metric_goals_metric_key_applies_from_pk" PRIMARY KEY("metric_key","applies_from")
);
--> statement-breakpoint
CREATE TABLE "product_operations" (
	"day" date NOT NULL,
	"product" text NOT NULL,
	"metric" text NOT NULL,
	"team_id" text DEFAULT '' NOT NULL,
	"count" numeric NOT NULL,
	CONSTRAINT "product_operations_day_product_metric_team_id_pk" PRIMARY KEY("day","product","metric","team_id")
);
--> statement-breakpoint
CREATE TABLE "revenue_months" (
	"month" date PRIMARY KEY NOT NULL,
	"revenue_usd" numeric NOT NULL,
	"cash_usd" numeric NOT NULL,
	"net_burn_usd" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"name" text PRIMARY KEY NOT NULL,
	"monthly_cost_usd" numeric NOT NULL,
	"category" text NOT NULL,
	"team_id" text NOT NULL,
	"renewal_date" date NOT NULL,
	"production" boolean NOT NULL
);
