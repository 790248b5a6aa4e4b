CREATE TABLE "int_api_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"scopes" text[] NOT NULL,
	"secret_hash" text NOT NULL,
	"rate_limit_per_minute" integer DEFAULT 120 NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "int_api_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "int_dvcqg_reconciliations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"from" date NOT NULL,
	"to" date NOT NULL,
	"local_count" integer NOT NULL,
	"remote_count" integer NOT NULL,
	"missing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stale" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unknown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"resent" integer NOT NULL,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "int_dvcqg_sync" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"revision" integer NOT NULL,
	"sent_revision" integer,
	"sent_status" smallint,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "int_webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subscription_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "int_webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"url" text NOT NULL,
	"event_types" text[] NOT NULL,
	"secret_sealed" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "int_api_tokens" ADD CONSTRAINT "int_api_tokens_client_id_int_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."int_api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "int_webhook_deliveries" ADD CONSTRAINT "int_webhook_deliveries_subscription_id_int_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."int_webhook_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "int_webhook_subscriptions" ADD CONSTRAINT "int_webhook_subscriptions_client_id_int_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."int_api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "int_api_tokens_client" ON "int_api_tokens" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "int_dvcqg_sync_state" ON "int_dvcqg_sync" USING btree ("state","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "int_dvcqg_sync_code" ON "int_dvcqg_sync" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "int_webhook_deliveries_event" ON "int_webhook_deliveries" USING btree ("subscription_id","event_id");--> statement-breakpoint
CREATE INDEX "int_webhook_deliveries_status" ON "int_webhook_deliveries" USING btree ("status","id") WHERE status <> 'delivered';--> statement-breakpoint
CREATE INDEX "int_webhook_subscriptions_client" ON "int_webhook_subscriptions" USING btree ("client_id");--> statement-breakpoint
-- custom SQL (keep on regenerate)
-- Deployments seeded before this module: their built-in administrator role gains the new permission.
UPDATE "id_roles" SET "permissions" = array_append("permissions", 'integration.manage')
WHERE "code" = 'admin' AND "built_in" AND NOT ('integration.manage' = ANY("permissions"));
