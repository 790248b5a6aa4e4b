ALTER TABLE "messages" ADD COLUMN "calendar" jsonb;--> statement-breakpoint
ALTER TABLE "mtg_invitations" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "ical_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
CREATE INDEX "mtg_invitations_participant" ON "mtg_invitations" USING btree ("participant_id","sent_at");