-- A cluster's idle-share goal (docs/clusters.md): the cluster-idle-share nudge fires when the share of its
-- cost that is idle (unused) stays above it. Null: the default goal (25%).
ALTER TABLE "cluster_rules" ADD COLUMN "idle_goal" numeric;--> statement-breakpoint
ALTER TABLE "cluster_rules" ADD CONSTRAINT "cluster_rules_idle_goal_check" CHECK ("idle_goal" is null or ("idle_goal" >= 0 and "idle_goal" <= 1));
