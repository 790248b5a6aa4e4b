CREATE TABLE "mtg_baselines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"items" integer NOT NULL,
	"attendees" integer NOT NULL,
	"pages_printed" integer NOT NULL,
	"source" text NOT NULL,
	"line" integer NOT NULL,
	"import_id" uuid NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mtg_baselines" ADD CONSTRAINT "mtg_baselines_kind_id_mtg_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."mtg_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_baselines_one" ON "mtg_baselines" USING btree ("agency_id","kind_id","started_at");