ALTER TABLE "fb_api_keys" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fb_api_keys" ADD COLUMN "revoked_by" uuid;