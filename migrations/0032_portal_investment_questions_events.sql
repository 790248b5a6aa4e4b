CREATE TABLE "ptl_event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"organisation" text NOT NULL,
	"country" text NOT NULL,
	"email" text NOT NULL,
	"bridge_point" text NOT NULL,
	"question" text,
	"lang" text NOT NULL,
	"attended" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"format" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"texts" jsonb NOT NULL,
	"bridge_points" text[] DEFAULT '{}'::text[] NOT NULL,
	"slots" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_investment_figures" (
	"kind" text NOT NULL,
	"year" smallint NOT NULL,
	"country" text NOT NULL,
	"sector" text NOT NULL,
	"projects" integer NOT NULL,
	"capital_kusd" bigint NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid,
	CONSTRAINT "ptl_investment_figures_kind_year_country_sector_pk" PRIMARY KEY("kind","year","country","sector")
);
--> statement-breakpoint
CREATE TABLE "ptl_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"lang" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"title" text NOT NULL,
	"question" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"state" text DEFAULT 'received' NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"reject_reason" text,
	"lock_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_ratings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ptl_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"lang" text NOT NULL,
	"score" smallint NOT NULL,
	"path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ptl_enquiries" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ptl_event_registrations" ADD CONSTRAINT "ptl_event_registrations_event_id_ptl_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."ptl_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_event_registrations_email" ON "ptl_event_registrations" USING btree ("event_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_event_registrations_code" ON "ptl_event_registrations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_events_slug" ON "ptl_events" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "ptl_events_starts" ON "ptl_events" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_questions_code" ON "ptl_questions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "ptl_questions_state" ON "ptl_questions" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "ptl_ratings_at" ON "ptl_ratings" USING btree ("created_at");