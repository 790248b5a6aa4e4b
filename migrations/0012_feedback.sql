CREATE TABLE "fb_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"name" text NOT NULL,
	"contact_email" text,
	"per_minute" integer DEFAULT 60 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fb_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_level" text NOT NULL,
	"department_code" text,
	"duplicate_radius_m" integer NOT NULL,
	"deadlines" jsonb NOT NULL,
	"allow_anonymous_to_agency" boolean DEFAULT true NOT NULL,
	"auto_close_days" smallint DEFAULT 7 NOT NULL,
	"follow_up_days" smallint,
	"sort" smallint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_followers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"is_reporter" boolean NOT NULL,
	"user_id" uuid,
	"name" text,
	"phone" text,
	"email" text,
	"secret_hash" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid,
	"reply_id" uuid,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"secret_hash" text NOT NULL,
	"public_approved" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"follower_id" uuid NOT NULL,
	"round" smallint NOT NULL,
	"satisfied" boolean NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"public_text" text,
	"status" text NOT NULL,
	"reviewed_by" uuid,
	"review_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fb_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"token" text NOT NULL,
	"category_id" uuid NOT NULL,
	"status" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"description" text NOT NULL,
	"public_description" text NOT NULL,
	"address" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"unit_code" text NOT NULL,
	"unit_valid_from" date NOT NULL,
	"agency_id" uuid,
	"agency_path" text,
	"reporter_user_id" uuid,
	"hidden_from_agency" boolean DEFAULT false NOT NULL,
	"api_key_id" uuid,
	"merged_into_id" uuid,
	"reject_reason" text,
	"reject_note" text,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"follower_count" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"routed_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"due_explanation" jsonb,
	"extension_reason" text,
	"escalation" text,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"idempotency_key" text
);
--> statement-breakpoint
CREATE TABLE "fb_timeline" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"agency_id" uuid,
	"note" text,
	"public_note" text,
	"is_public" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fb_followers" ADD CONSTRAINT "fb_followers_report_id_fb_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."fb_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_reports" ADD CONSTRAINT "fb_reports_category_id_fb_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."fb_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fb_api_keys_hash" ON "fb_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "fb_categories_code" ON "fb_categories" USING btree ("code");--> statement-breakpoint
CREATE INDEX "fb_followers_report" ON "fb_followers" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "fb_followers_user" ON "fb_followers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "fb_media_report" ON "fb_media" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "fb_media_reply" ON "fb_media" USING btree ("reply_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fb_ratings_once" ON "fb_ratings" USING btree ("report_id","follower_id","round");--> statement-breakpoint
CREATE INDEX "fb_replies_report" ON "fb_replies" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fb_reports_code" ON "fb_reports" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "fb_reports_token" ON "fb_reports" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "fb_reports_idempotency" ON "fb_reports" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "fb_reports_queue" ON "fb_reports" USING btree ("status","urgent","submitted_at");--> statement-breakpoint
CREATE INDEX "fb_reports_category_point" ON "fb_reports" USING btree ("category_id","lat","lng");--> statement-breakpoint
CREATE INDEX "fb_reports_unit_status" ON "fb_reports" USING btree ("unit_code","status","submitted_at");--> statement-breakpoint
CREATE INDEX "fb_reports_agency_status" ON "fb_reports" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "fb_reports_submitted" ON "fb_reports" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "fb_reports_updated" ON "fb_reports" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "fb_reports_due" ON "fb_reports" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "fb_timeline_report" ON "fb_timeline" USING btree ("report_id","at");