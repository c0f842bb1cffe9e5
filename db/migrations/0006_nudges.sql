CREATE TABLE "nudge_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"nudge_id" bigint,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_status_code" integer,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "nudge_delivery_settings" (
	"team_id" text PRIMARY KEY NOT NULL,
	"slack_webhook_url" text,
	"json_webhook_url" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nudges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"rule" text NOT NULL,
	"team_id" text NOT NULL,
	"subject" text NOT NULL,
	"title" text NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"monthly_at_stake" numeric NOT NULL,
	"action" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"first_seen_day" date NOT NULL,
	"last_seen_day" date NOT NULL,
	"snoozed_until" date,
	"dismiss_reason" text,
	"note" text,
	"openings" integer DEFAULT 1 NOT NULL,
	"actor" text,
	"acted_at" timestamp with time zone,
	"resolved_day" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "nudge_deliveries_team_idx" ON "nudge_deliveries" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "nudge_deliveries_status_idx" ON "nudge_deliveries" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "nudges_active_fingerprint_idx" ON "nudges" USING btree ("fingerprint") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "nudges_team_status_idx" ON "nudges" USING btree ("team_id","status");