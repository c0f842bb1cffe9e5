CREATE TYPE "public"."split_method" AS ENUM('proportional', 'even', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."split_period" AS ENUM('day', 'month');--> statement-breakpoint
ALTER TYPE "public"."ownership_rule_kind" ADD VALUE 'resource' BEFORE 'tag';--> statement-breakpoint
ALTER TYPE "public"."ownership_rule_kind" ADD VALUE 'service' BEFORE 'account';--> statement-breakpoint
CREATE TABLE "environment_tag_values" (
	"tag_key" text NOT NULL,
	"tag_value" text NOT NULL,
	"environment" "environment" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_parents" (
	"id" serial PRIMARY KEY NOT NULL,
	"child_id" text NOT NULL,
	"parent_id" text NOT NULL,
	"valid_from" date DEFAULT '1970-01-01' NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "ownership_audit" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"version_id" integer,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "ownership_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"effective_from" date NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "shared_cost_pools" (
	"id" serial PRIMARY KEY NOT NULL,
	"pool_key" text NOT NULL,
	"name" text NOT NULL,
	"priority" integer NOT NULL,
	"record_types" text[],
	"services" text[],
	"accounts" text[],
	"residue" integer DEFAULT 0 NOT NULL,
	"method" "split_method" NOT NULL,
	"period" "split_period" DEFAULT 'month' NOT NULL,
	"weights" jsonb,
	"team_ids" text[],
	"valid_from" date DEFAULT '1970-01-01' NOT NULL,
	"valid_to" date,
	"source" text NOT NULL,
	"version_id" integer
);
--> statement-breakpoint
ALTER TABLE "teams" DROP CONSTRAINT "teams_parent_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "contact" text;--> statement-breakpoint
ALTER TABLE "ownership_rules" ADD COLUMN "service" text;--> statement-breakpoint
ALTER TABLE "ownership_rules" ADD COLUMN "resource_pattern" text;--> statement-breakpoint
ALTER TABLE "ownership_rules" ADD COLUMN "resource_regex" text;--> statement-breakpoint
ALTER TABLE "ownership_rules" ADD COLUMN "version_id" integer;--> statement-breakpoint
ALTER TABLE "attributed_costs" ADD COLUMN "environment" text;--> statement-breakpoint
ALTER TABLE "attributed_costs" ADD COLUMN "pool_id" integer;--> statement-breakpoint
ALTER TABLE "team_parents" ADD CONSTRAINT "team_parents_child_id_teams_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_parents" ADD CONSTRAINT "team_parents_parent_id_teams_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership_audit" ADD CONSTRAINT "ownership_audit_version_id_ownership_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."ownership_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_cost_pools" ADD CONSTRAINT "shared_cost_pools_version_id_ownership_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."ownership_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "environment_tag_values_idx" ON "environment_tag_values" USING btree ("tag_key","tag_value");--> statement-breakpoint
CREATE INDEX "team_parents_child_idx" ON "team_parents" USING btree ("child_id");--> statement-breakpoint
ALTER TABLE "ownership_rules" ADD CONSTRAINT "ownership_rules_version_id_ownership_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."ownership_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" DROP COLUMN "parent_id";