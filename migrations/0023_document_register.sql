CREATE TABLE "svc_deadline_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"source" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "svc_document_numbers" (
	"event_id" bigint PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"form" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"number" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "svc_document_registers" (
	"agency_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "svc_document_registers_agency_id_year_pk" PRIMARY KEY("agency_id","year")
);
--> statement-breakpoint
ALTER TABLE "id_agencies" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "svc_document_numbers" ADD CONSTRAINT "svc_document_numbers_event_id_svc_dossier_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."svc_dossier_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "svc_document_numbers" ADD CONSTRAINT "svc_document_numbers_dossier_id_svc_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."svc_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "svc_document_numbers_seq" ON "svc_document_numbers" USING btree ("agency_id","year","number");--> statement-breakpoint
CREATE INDEX "svc_document_numbers_dossier" ON "svc_document_numbers" USING btree ("dossier_id");