CREATE TABLE "file_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"received" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "svc_calendar_notices" (
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name_key" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "svc_calendar_notices_date_pk" PRIMARY KEY("date")
);
--> statement-breakpoint
CREATE TABLE "svc_dossier_counters" (
	"agency_code" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "svc_dossier_counters_agency_code_day_pk" PRIMARY KEY("agency_code","day")
);
--> statement-breakpoint
CREATE TABLE "svc_dossier_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"actor_title" text,
	"from_status" smallint,
	"to_status" smallint NOT NULL,
	"from_step" text,
	"to_step" text,
	"from_agency_id" uuid,
	"to_agency_id" uuid,
	"comment" text,
	"step_due_at" timestamp with time zone,
	"step_timeliness" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "svc_dossier_files" (
	"dossier_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"component_key" text NOT NULL,
	"role" text DEFAULT 'component' NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "svc_dossier_files_dossier_id_file_id_pk" PRIMARY KEY("dossier_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "svc_dossier_pauses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"from" timestamp with time zone NOT NULL,
	"to" timestamp with time zone,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "svc_dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"procedure_id" uuid NOT NULL,
	"procedure_version_id" uuid NOT NULL,
	"status" smallint NOT NULL,
	"step_key" text,
	"step_role" text,
	"channel" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"applicant_user_id" uuid,
	"form_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"helped_agency_id" uuid,
	"receiving_agency_id" uuid NOT NULL,
	"competent_agency_id" uuid NOT NULL,
	"holder_agency_id" uuid NOT NULL,
	"holder_agency_path" text NOT NULL,
	"holder_user_id" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"due_explanation" jsonb,
	"step_due_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"supplement_count" smallint DEFAULT 0 NOT NULL,
	"result" jsonb,
	"tracking_pin" text NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "svc_idempotency_keys" (
	"key" text NOT NULL,
	"user_id" uuid NOT NULL,
	"request_hash" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "svc_idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "svc_procedure_agencies" (
	"procedure_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"service_level" text NOT NULL,
	CONSTRAINT "svc_procedure_agencies_procedure_id_agency_id_pk" PRIMARY KEY("procedure_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "svc_procedure_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "svc_procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sector_code" text NOT NULL,
	"sector_name" text NOT NULL,
	"search_text" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "svc_ratings" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"score" smallint NOT NULL,
	"criteria" jsonb,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "svc_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"agency_id" uuid,
	"lang" text DEFAULT 'vi' NOT NULL,
	"content" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "id_users" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "svc_dossier_events" ADD CONSTRAINT "svc_dossier_events_dossier_id_svc_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."svc_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "svc_dossier_files" ADD CONSTRAINT "svc_dossier_files_dossier_id_svc_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."svc_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "svc_dossier_pauses" ADD CONSTRAINT "svc_dossier_pauses_dossier_id_svc_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."svc_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "svc_procedure_agencies" ADD CONSTRAINT "svc_procedure_agencies_procedure_id_svc_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."svc_procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "svc_procedure_versions" ADD CONSTRAINT "svc_procedure_versions_procedure_id_svc_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."svc_procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "svc_ratings" ADD CONSTRAINT "svc_ratings_dossier_id_svc_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."svc_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "svc_dossier_events_dossier" ON "svc_dossier_events" USING btree ("dossier_id","id");--> statement-breakpoint
CREATE INDEX "svc_dossier_pauses_dossier" ON "svc_dossier_pauses" USING btree ("dossier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "svc_dossiers_code" ON "svc_dossiers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "svc_dossiers_status_due" ON "svc_dossiers" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "svc_dossiers_inbox" ON "svc_dossiers" USING btree ("holder_agency_path" text_pattern_ops,"status") WHERE status in (1, 4, 5, 6, 9);--> statement-breakpoint
CREATE INDEX "svc_dossiers_applicant" ON "svc_dossiers" USING btree ("applicant_user_id","created_at");--> statement-breakpoint
CREATE INDEX "svc_dossiers_procedure" ON "svc_dossiers" USING btree ("procedure_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "svc_versions_number" ON "svc_procedure_versions" USING btree ("procedure_id","version");--> statement-breakpoint
CREATE INDEX "svc_versions_effective" ON "svc_procedure_versions" USING btree ("procedure_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "svc_procedures_code" ON "svc_procedures" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "svc_templates_unique" ON "svc_templates" USING btree ("kind","key",coalesce("agency_id", '00000000-0000-0000-0000-000000000000'::uuid),"lang");