-- Shared clusters (docs/clusters.md): who owns a Kubernetes namespace (in one cluster or in all) and a
-- cluster, and how a cluster's idle (unused) cost is split; effective-dated like ownership rules.
-- Attributed costs that came through pods name their cluster and namespace, and the cluster rule that decided.
CREATE TABLE "cluster_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"cluster" text,
	"namespace" text,
	"team_id" text,
	"idle" text,
	"priority" integer NOT NULL,
	"valid_from" date DEFAULT '1970-01-01' NOT NULL,
	"valid_to" date,
	"source" text NOT NULL,
	"version_id" integer,
	CONSTRAINT "cluster_rules_kind_check" CHECK ("kind" in ('namespace', 'cluster')),
	CONSTRAINT "cluster_rules_idle_check" CHECK ("idle" is null or "idle" in ('owner', 'proportional', 'even'))
);--> statement-breakpoint
ALTER TABLE "cluster_rules" ADD CONSTRAINT "cluster_rules_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_rules" ADD CONSTRAINT "cluster_rules_version_id_ownership_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."ownership_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attributed_costs" ADD COLUMN "cluster" text;--> statement-breakpoint
ALTER TABLE "attributed_costs" ADD COLUMN "namespace" text;--> statement-breakpoint
ALTER TABLE "attributed_costs" ADD COLUMN "cluster_rule_id" integer;
