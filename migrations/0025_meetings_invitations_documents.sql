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
ALTER TABLE "messages" ADD COLUMN "calendar" jsonb;--> statement-breakpoint
ALTER TABLE "mtg_documents" ADD COLUMN "uploaded_by" uuid;--> statement-breakpoint
ALTER TABLE "mtg_invitations" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "ical_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "mtg_notes" ADD CONSTRAINT "mtg_notes_document_id_mtg_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."mtg_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mtg_notes_owner" ON "mtg_notes" USING btree ("user_id","document_id","page");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_documents_one_latest" ON "mtg_documents" USING btree ("item_id","title") WHERE "mtg_documents"."latest";--> statement-breakpoint
CREATE INDEX "mtg_invitations_participant" ON "mtg_invitations" USING btree ("participant_id","sent_at");