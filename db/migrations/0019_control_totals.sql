CREATE TABLE "control_totals" (
	"source" text NOT NULL,
	"day" date NOT NULL,
	"account_id" text NOT NULL,
	"unblended_cost" numeric NOT NULL,
	"amortized_cost" numeric NOT NULL,
	"net_amortized_cost" numeric NOT NULL,
	"run_id" bigint NOT NULL,
	CONSTRAINT "control_totals_source_day_account_id_pk" PRIMARY KEY("source","day","account_id")
);
