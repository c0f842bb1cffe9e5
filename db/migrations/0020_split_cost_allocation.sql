-- AWS split cost allocation data (EKS pods, ECS tasks) on the line items that carry it: the pod's or
-- task's split and unused cost (and their net_ forms), the EC2 instance it ran on, its reserved,
-- actual and split usage and split usage ratio, and the UTC hour of split and EC2 instance lines (the
-- per-instance-hour check and attribution through pods join on it). Null on every other line.
-- On the month-partitioned table (PostgreSQL) every partition gets them.
ALTER TABLE "cost_line_items" ADD COLUMN "split_cost" numeric;--> statement-breakpoint
ALTER TABLE "cost_line_items" ADD COLUMN "unused_cost" numeric;--> statement-breakpoint
ALTER TABLE "cost_line_items" ADD COLUMN "net_split_cost" numeric;--> statement-breakpoint
ALTER TABLE "cost_line_items" ADD COLUMN "net_unused_cost" numeric;--> statement-breakpoint
ALTER TABLE "cost_line_items" ADD COLUMN "parent_resource_id" text;--> statement-breakpoint
ALTER TABLE "cost_line_items" ADD COLUMN "reserved_usage" numeric;--> statement-breakpoint
ALTER TABLE "cost_line_items" ADD COLUMN "actual_usage" numeric;--> statement-breakpoint
ALTER TABLE "cost_line_items" ADD COLUMN "split_usage" numeric;--> statement-breakpoint
ALTER TABLE "cost_line_items" ADD COLUMN "split_usage_ratio" numeric;--> statement-breakpoint
ALTER TABLE "cost_line_items" ADD COLUMN "usage_hour" smallint;
