CREATE TABLE "ops_dashboards" (
	"role_code" text PRIMARY KEY NOT NULL,
	"indicator_codes" jsonb NOT NULL,
	"views" jsonb NOT NULL,
	"rotate_seconds" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
