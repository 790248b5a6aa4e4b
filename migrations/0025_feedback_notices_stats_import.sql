ALTER TABLE "fb_followers" ADD COLUMN "lang" text DEFAULT 'vi' NOT NULL;--> statement-breakpoint
ALTER TABLE "fb_followers" ADD COLUMN "merged_from_id" uuid;--> statement-breakpoint
ALTER TABLE "fb_followers" ADD COLUMN "follow_up_fixed" boolean;--> statement-breakpoint
ALTER TABLE "fb_reports" ADD COLUMN "follow_up_asked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fb_reports" ADD COLUMN "external_ref" text;--> statement-breakpoint
CREATE UNIQUE INDEX "fb_reports_external_ref" ON "fb_reports" USING btree ("external_ref");