CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"agency_id" uuid,
	"ip" text,
	"request_id" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seq" bigint,
	"prev_hash" text,
	"hash" text,
	CONSTRAINT "audit_log_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"audience" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"name" text NOT NULL,
	"owner_id" uuid,
	"agency_id" uuid,
	"resource_type" text,
	"resource_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_schedules" (
	"name" text PRIMARY KEY NOT NULL,
	"interval_ms" integer NOT NULL,
	"next_run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"singleton_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"template" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "id_agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"path" text NOT NULL,
	"unit_code" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "id_memberships" (
	"user_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"role_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "id_memberships_user_id_agency_id_role_code_pk" PRIMARY KEY("user_id","agency_id","role_code")
);
--> statement-breakpoint
CREATE TABLE "id_password_resets" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "id_roles" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"permissions" text[] NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"requires_totp" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "id_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "id_unit_lineage" (
	"from_code" text NOT NULL,
	"to_code" text NOT NULL,
	"kind" text NOT NULL,
	"effective_on" date NOT NULL,
	"source" text,
	CONSTRAINT "id_unit_lineage_from_code_to_code_effective_on_pk" PRIMARY KEY("from_code","to_code","effective_on")
);
--> statement-breakpoint
CREATE TABLE "id_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"name_en" text,
	"parent_code" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"area_km2" real,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"boundary" jsonb
);
--> statement-breakpoint
CREATE TABLE "id_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"email" text,
	"phone" text,
	"full_name" text NOT NULL,
	"title" text,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'vi' NOT NULL,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"demo" boolean DEFAULT false NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "id_agencies" ADD CONSTRAINT "id_agencies_parent_id_id_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."id_agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_memberships" ADD CONSTRAINT "id_memberships_user_id_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."id_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_memberships" ADD CONSTRAINT "id_memberships_agency_id_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."id_agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_memberships" ADD CONSTRAINT "id_memberships_role_code_id_roles_code_fk" FOREIGN KEY ("role_code") REFERENCES "public"."id_roles"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "id_password_resets" ADD CONSTRAINT "id_password_resets_user_id_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."id_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_sessions" ADD CONSTRAINT "id_sessions_user_id_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."id_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_unchained" ON "audit_log" USING btree ("id") WHERE seq is null;--> statement-breakpoint
CREATE INDEX "audit_log_actor" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_target" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox_events" USING btree ("next_attempt_at","id") WHERE dispatched_at is null;--> statement-breakpoint
CREATE INDEX "files_sha" ON "files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "files_owner" ON "files" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("run_at") WHERE status in ('pending', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_singleton" ON "jobs" USING btree ("singleton_key") WHERE status in ('pending', 'running');--> statement-breakpoint
CREATE INDEX "messages_created" ON "messages" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "id_agencies_code" ON "id_agencies" USING btree ("code");--> statement-breakpoint
CREATE INDEX "id_agencies_path" ON "id_agencies" USING btree ("path");--> statement-breakpoint
CREATE INDEX "id_agencies_parent" ON "id_agencies" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "id_memberships_agency" ON "id_memberships" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "id_sessions_user" ON "id_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "id_units_code_from" ON "id_units" USING btree ("code","valid_from");--> statement-breakpoint
CREATE INDEX "id_units_parent" ON "id_units" USING btree ("parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "id_users_email" ON "id_users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "id_users_phone" ON "id_users" USING btree ("phone");