-- Clusters without split cost allocation data (docs/clusters.md): OpenCost's allocations per cluster,
-- UTC day and aggregate (a namespace, or a label's value), as the usage basis that splits the
-- cluster's billed instance cost. Costs as OpenCost gave them (each JSON number converted once);
-- one row per cluster, day and name: a re-import of a cluster-day replaces its rows. Attributed cluster
-- costs say what weighed them: AWS split data ('split') or OpenCost's allocations ('opencost').
CREATE TABLE "opencost_allocations" (
	"cluster" text NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	"namespace" text,
	"label_key" text,
	"label_value" text,
	"idle" boolean NOT NULL,
	"cpu_cost" numeric NOT NULL,
	"gpu_cost" numeric NOT NULL,
	"ram_cost" numeric NOT NULL,
	"pv_cost" numeric NOT NULL,
	"network_cost" numeric NOT NULL,
	"total_cost" numeric NOT NULL,
	"cpu_efficiency" numeric,
	"ram_efficiency" numeric,
	"total_efficiency" numeric,
	"cpu_core_request_average" numeric,
	"cpu_core_usage_average" numeric,
	"ram_byte_request_average" numeric,
	"ram_byte_usage_average" numeric,
	"minutes" numeric,
	"source_file" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opencost_allocations_pkey" PRIMARY KEY ("cluster", "day", "name")
);--> statement-breakpoint
CREATE INDEX "opencost_allocations_day_idx" ON "opencost_allocations" ("day");
--> statement-breakpoint
ALTER TABLE "attributed_costs" ADD COLUMN "cluster_basis" text;
