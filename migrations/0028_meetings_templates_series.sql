ALTER TABLE "mtg_kinds" ADD COLUMN "template" jsonb;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "series_id" uuid;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "rrule" text;--> statement-breakpoint
CREATE INDEX "mtg_meetings_series" ON "mtg_meetings" USING btree ("series_id");