CREATE TYPE "public"."environment" AS ENUM('production', 'development', 'data', 'shared');--> statement-breakpoint
CREATE TYPE "public"."org_unit_kind" AS ENUM('org', 'group', 'team');--> statement-breakpoint
CREATE TYPE "public"."ownership_rule_kind" AS ENUM('tag', 'account');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"environment" "environment",
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" "org_unit_kind" NOT NULL,
	"parent_id" text,
	"slack_channel" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owner_tag_keys" (
	"tag_key" text PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "owner_tag_keys_position_unique" UNIQUE("position")
);
--> statement-breakpoint
CREATE TABLE "ownership_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"priority" integer NOT NULL,
	"kind" "ownership_rule_kind" NOT NULL,
	"tag_value" text,
	"account_id" text,
	"team_id" text NOT NULL,
	"valid_from" date DEFAULT '1970-01-01' NOT NULL,
	"valid_to" date,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_line_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"account_id" text NOT NULL,
	"service" text NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"usage_type" text DEFAULT '' NOT NULL,
	"record_type" text NOT NULL,
	"resource_id" text,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unblended_cost" numeric NOT NULL,
	"amortized_cost" numeric NOT NULL,
	"net_amortized_cost" numeric NOT NULL,
	"usage_quantity" numeric,
	"source" text NOT NULL,
	"batch_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"arn" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"region" text NOT NULL,
	"service" text NOT NULL,
	"resource_type" text DEFAULT '' NOT NULL,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attributed_costs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"team_id" text NOT NULL,
	"account_id" text NOT NULL,
	"service" text NOT NULL,
	"record_type" text NOT NULL,
	"unblended_cost" numeric NOT NULL,
	"amortized_cost" numeric NOT NULL,
	"net_amortized_cost" numeric NOT NULL,
	"rule_id" integer,
	"decided_by" text NOT NULL,
	"run_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"source" text NOT NULL,
	"status" "job_status" NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"window_start" date,
	"window_end" date,
	"rows_written" integer DEFAULT 0 NOT NULL,
	"api_requests" integer DEFAULT 0 NOT NULL,
	"api_attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_watermarks" (
	"source" text PRIMARY KEY NOT NULL,
	"synced_through" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_parent_id_teams_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership_rules" ADD CONSTRAINT "ownership_rules_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ownership_rules_priority_idx" ON "ownership_rules" USING btree ("priority");--> statement-breakpoint
CREATE INDEX "cost_line_items_source_day_idx" ON "cost_line_items" USING btree ("source","day");--> statement-breakpoint
CREATE INDEX "resources_account_idx" ON "resources" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "attributed_costs_day_team_idx" ON "attributed_costs" USING btree ("day","team_id");--> statement-breakpoint
CREATE INDEX "attributed_costs_team_day_idx" ON "attributed_costs" USING btree ("team_id","day");--> statement-breakpoint
CREATE INDEX "job_runs_job_started_idx" ON "job_runs" USING btree ("job","started_at");