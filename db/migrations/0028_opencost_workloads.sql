-- OpenCost's allocations of a cluster without split data aggregated by controller (docs/clusters.md):
-- per cluster, UTC day and allocation (`payments/deployment:checkout-api`): the workload, its namespace, its requests and usage and their
-- costs. They weigh nothing in attribution (the namespace or label aggregate does); the Clusters
-- page's workloads and the underused-workload nudge read them. A re-import of a cluster-day replaces its rows.
CREATE TABLE "opencost_workloads" (
	"cluster" text NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	"workload" text NOT NULL,
	"namespace" text,
	"cpu_cost" numeric NOT NULL,
	"ram_cost" numeric NOT NULL,
	"total_cost" numeric NOT NULL,
	"cpu_core_request_average" numeric,
	"cpu_core_usage_average" numeric,
	"ram_byte_request_average" numeric,
	"ram_byte_usage_average" numeric,
	"minutes" numeric,
	"source_file" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opencost_workloads_pkey" PRIMARY KEY ("cluster", "day", "name")
);--> statement-breakpoint
CREATE INDEX "opencost_workloads_day_idx" ON "opencost_workloads" ("day");
