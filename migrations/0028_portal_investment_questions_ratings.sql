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
CREATE UNIQUE INDEX "ptl_questions_code" ON "ptl_questions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "ptl_questions_state" ON "ptl_questions" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "ptl_ratings_at" ON "ptl_ratings" USING btree ("created_at");