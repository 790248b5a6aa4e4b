CREATE TABLE "ops_alert_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"severity" text,
	"value" double precision,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "ops_alert_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"observed_property" text NOT NULL,
	"thing_kind" text,
	"thing_code" text,
	"params" jsonb NOT NULL,
	"category" text NOT NULL,
	"notify" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_alert_rules_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "ops_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_id" uuid NOT NULL,
	"source_key" text NOT NULL,
	"source_label" text NOT NULL,
	"thing_id" uuid,
	"severity" text NOT NULL,
	"status" text NOT NULL,
	"acknowledged" boolean DEFAULT false NOT NULL,
	"silenced" boolean DEFAULT false NOT NULL,
	"commune_code" text,
	"agency_code" text,
	"category" text NOT NULL,
	"value" double precision,
	"raised_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"assignee_id" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ops_datastreams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"thing_id" uuid NOT NULL,
	"key" text NOT NULL,
	"observed_property" text NOT NULL,
	"unit" text NOT NULL,
	"expected_interval_seconds" integer NOT NULL,
	"valid_min" double precision,
	"valid_max" double precision,
	"last_value" double precision,
	"last_time" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ops_indicator_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"indicator_code" text NOT NULL,
	"file_name" text NOT NULL,
	"rows" integer NOT NULL,
	"periods" jsonb NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_indicator_values" (
	"indicator_code" text NOT NULL,
	"level" text NOT NULL,
	"area_code" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"value" double precision,
	"as_of" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"import_id" uuid,
	CONSTRAINT "ops_indicator_values_indicator_code_level_area_code_time_pk" PRIMARY KEY("indicator_code","level","area_code","time")
);
--> statement-breakpoint
CREATE TABLE "ops_indicators" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	"granularity" text NOT NULL,
	"freshness_seconds" integer NOT NULL,
	"target" double precision,
	"direction" text NOT NULL,
	"owner_agency_code" text,
	"levels" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_readings" (
	"datastream_id" uuid NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "ops_readings_datastream_id_time_pk" PRIMARY KEY("datastream_id","time")
);
--> statement-breakpoint
CREATE TABLE "ops_rejections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"apikey" text NOT NULL,
	"device_code" text NOT NULL,
	"thing_id" uuid,
	"key" text,
	"reason" text NOT NULL,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_rollups" (
	"datastream_id" uuid NOT NULL,
	"bucket" text NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"n" integer NOT NULL,
	"sum" double precision NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	CONSTRAINT "ops_rollups_datastream_id_bucket_start_pk" PRIMARY KEY("datastream_id","bucket","start")
);
--> statement-breakpoint
CREATE TABLE "ops_silences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_code" text,
	"thing_code" text,
	"commune_code" text,
	"category" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_things" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"apikey" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"commune_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"status" text DEFAULT 'measuring' NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ops_alert_log" ADD CONSTRAINT "ops_alert_log_alert_id_ops_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."ops_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_alerts" ADD CONSTRAINT "ops_alerts_rule_id_ops_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."ops_alert_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_datastreams" ADD CONSTRAINT "ops_datastreams_thing_id_ops_things_id_fk" FOREIGN KEY ("thing_id") REFERENCES "public"."ops_things"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ops_alert_log_alert" ON "ops_alert_log" USING btree ("alert_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "ops_alerts_one_active" ON "ops_alerts" USING btree ("source_key","rule_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "ops_alerts_open" ON "ops_alerts" USING btree ("raised_at") WHERE resolved_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "ops_datastreams_key" ON "ops_datastreams" USING btree ("thing_id","key");--> statement-breakpoint
CREATE INDEX "ops_rejections_device" ON "ops_rejections" USING btree ("apikey","device_code","at");--> statement-breakpoint
CREATE UNIQUE INDEX "ops_things_key" ON "ops_things" USING btree ("apikey","code");