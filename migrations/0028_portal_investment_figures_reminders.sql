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
ALTER TABLE "ptl_enquiries" ADD COLUMN "reminded_at" timestamp with time zone;