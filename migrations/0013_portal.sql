CREATE TABLE "ptl_editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"number" integer NOT NULL,
	"state" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" jsonb NOT NULL,
	"body_html" text NOT NULL,
	"slug" text NOT NULL,
	"change_note" text,
	"major" boolean DEFAULT false NOT NULL,
	"lock_version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"schedule_error" text,
	"published_at" timestamp with time zone,
	"first_published_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"unpublished_at" timestamp with time zone,
	"unpublish_reason" text,
	"redirect_to" text
);
--> statement-breakpoint
CREATE TABLE "ptl_enquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid,
	"name" text NOT NULL,
	"organisation" text NOT NULL,
	"country" text NOT NULL,
	"email" text,
	"phone" text,
	"message" text NOT NULL,
	"lang" text NOT NULL,
	"stage" text DEFAULT 'enquiry' NOT NULL,
	"manager_id" uuid,
	"respond_by" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"lock_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_enquiry_notes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ptl_enquiry_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enquiry_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"author_id" uuid,
	"from_stage" text,
	"to_stage" text,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_legal_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"doc_type" text NOT NULL,
	"number_symbol" text NOT NULL,
	"issuing_body" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"field" text NOT NULL,
	"issued_on" date NOT NULL,
	"effective_on" date,
	"status" text NOT NULL,
	"replaced_by" text,
	"file_id" uuid,
	"file_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_parks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"names" jsonb NOT NULL,
	"commune_code" text NOT NULL,
	"commune_name" text NOT NULL,
	"area_ha100" integer NOT NULL,
	"available_ha100" integer NOT NULL,
	"occupancy_pct" smallint NOT NULL,
	"price_usd_m2" integer,
	"infrastructure" jsonb NOT NULL,
	"contact" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"slug" text NOT NULL,
	"sector" text NOT NULL,
	"commune_code" text NOT NULL,
	"commune_name" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"land_area_m2" integer NOT NULL,
	"land_status" text NOT NULL,
	"capital_vnd" bigint NOT NULL,
	"capital_usd" bigint NOT NULL,
	"investment_form" text NOT NULL,
	"status" text NOT NULL,
	"texts" jsonb NOT NULL,
	"contact" jsonb NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_search_docs" (
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"lang" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"folded" text NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, folded)) STORED NOT NULL,
	"path" text NOT NULL,
	"agency_name" text,
	"year" smallint,
	"at" timestamp with time zone,
	CONSTRAINT "ptl_search_docs_kind_ref_id_lang_pk" PRIMARY KEY("kind","ref_id","lang")
);
--> statement-breakpoint
CREATE TABLE "ptl_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"names" jsonb NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"slug" text NOT NULL,
	"names" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ptl_slugs" (
	"lang" text NOT NULL,
	"slug" text NOT NULL,
	"item_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ptl_slugs_lang_slug_pk" PRIMARY KEY("lang","slug")
);
--> statement-breakpoint
ALTER TABLE "ptl_editions" ADD CONSTRAINT "ptl_editions_item_id_ptl_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ptl_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ptl_enquiries" ADD CONSTRAINT "ptl_enquiries_project_id_ptl_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."ptl_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ptl_enquiry_notes" ADD CONSTRAINT "ptl_enquiry_notes_enquiry_id_ptl_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."ptl_enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ptl_items" ADD CONSTRAINT "ptl_items_section_id_ptl_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."ptl_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ptl_sections" ADD CONSTRAINT "ptl_sections_site_id_ptl_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."ptl_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ptl_slugs" ADD CONSTRAINT "ptl_slugs_item_id_ptl_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ptl_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_editions_number" ON "ptl_editions" USING btree ("item_id","lang","number");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_editions_open" ON "ptl_editions" USING btree ("item_id","lang") WHERE state in ('draft', 'submitted', 'approved', 'scheduled');--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_editions_live" ON "ptl_editions" USING btree ("item_id","lang") WHERE state in ('published', 'withdrawn', 'redirected', 'gone');--> statement-breakpoint
CREATE INDEX "ptl_editions_published" ON "ptl_editions" USING btree ("lang","published_at") WHERE state = 'published';--> statement-breakpoint
CREATE INDEX "ptl_editions_due" ON "ptl_editions" USING btree ("scheduled_at") WHERE state = 'scheduled';--> statement-breakpoint
CREATE INDEX "ptl_enquiries_stage" ON "ptl_enquiries" USING btree ("stage","respond_by");--> statement-breakpoint
CREATE INDEX "ptl_enquiry_notes_enquiry" ON "ptl_enquiry_notes" USING btree ("enquiry_id");--> statement-breakpoint
CREATE INDEX "ptl_items_section" ON "ptl_items" USING btree ("section_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_legal_number" ON "ptl_legal_documents" USING btree ("number_symbol");--> statement-breakpoint
CREATE INDEX "ptl_legal_issued" ON "ptl_legal_documents" USING btree ("issued_on");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_parks_code" ON "ptl_parks" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_projects_code" ON "ptl_projects" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_projects_slug" ON "ptl_projects" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "ptl_search_tsv" ON "ptl_search_docs" USING gin ("tsv");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_sections_code" ON "ptl_sections" USING btree ("site_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_sites_slug" ON "ptl_sites" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "ptl_sites_agency" ON "ptl_sites" USING btree ("agency_id");