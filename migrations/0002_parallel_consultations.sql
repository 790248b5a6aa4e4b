CREATE TABLE "svc_dossier_consultations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"step_key" text NOT NULL,
	"join_step_key" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"role" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"answer" text,
	"comment" text,
	"timeliness" text
);
--> statement-breakpoint
ALTER TABLE "svc_dossier_consultations" ADD CONSTRAINT "svc_dossier_consultations_dossier_id_svc_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."svc_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "svc_consultations_dossier" ON "svc_dossier_consultations" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "svc_consultations_open" ON "svc_dossier_consultations" USING btree ("agency_path" text_pattern_ops) WHERE answered_at is null;