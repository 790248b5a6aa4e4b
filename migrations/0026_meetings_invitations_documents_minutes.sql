CREATE TABLE "mtg_minutes" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"drafted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"drafted_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"signed_at" timestamp with time zone,
	"signed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "mtg_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"page" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text,
	"rect" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtg_task_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid NOT NULL,
	"by_name" text NOT NULL,
	"percent" integer NOT NULL,
	"note" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "calendar" jsonb;--> statement-breakpoint
ALTER TABLE "mtg_documents" ADD COLUMN "uploaded_by" uuid;--> statement-breakpoint
ALTER TABLE "mtg_invitations" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mtg_items" ADD COLUMN "carried_task_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "ical_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "mtg_minutes" ADD CONSTRAINT "mtg_minutes_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_notes" ADD CONSTRAINT "mtg_notes_document_id_mtg_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."mtg_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_task_reports" ADD CONSTRAINT "mtg_task_reports_task_id_mtg_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."mtg_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mtg_notes_owner" ON "mtg_notes" USING btree ("user_id","document_id","page");--> statement-breakpoint
CREATE INDEX "mtg_task_reports_task" ON "mtg_task_reports" USING btree ("task_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_documents_one_latest" ON "mtg_documents" USING btree ("item_id","title") WHERE "mtg_documents"."latest";--> statement-breakpoint
CREATE INDEX "mtg_invitations_participant" ON "mtg_invitations" USING btree ("participant_id","sent_at");