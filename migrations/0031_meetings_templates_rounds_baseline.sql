CREATE TABLE "mtg_advance_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "mtg_round_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtg_round_electors" (
	"round_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"answered_at" timestamp with time zone,
	"reminded_day" integer,
	CONSTRAINT "mtg_round_electors_round_id_participant_id_pk" PRIMARY KEY("round_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "mtg_round_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"item_id" uuid,
	"question" text NOT NULL,
	"options" jsonb NOT NULL,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "mtg_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"rules" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"members" integer NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_by" uuid,
	"closed_at" timestamp with time zone,
	"consent_item_ids" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mtg_kinds" ADD COLUMN "template" jsonb;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "series_id" uuid;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD COLUMN "rrule" text;--> statement-breakpoint
ALTER TABLE "mtg_polls" ADD COLUMN "consent_item_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mtg_advance_questions" ADD CONSTRAINT "mtg_advance_questions_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_advance_questions" ADD CONSTRAINT "mtg_advance_questions_item_id_mtg_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."mtg_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_advance_questions" ADD CONSTRAINT "mtg_advance_questions_participant_id_mtg_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."mtg_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_baselines" ADD CONSTRAINT "mtg_baselines_kind_id_mtg_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."mtg_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_round_answers" ADD CONSTRAINT "mtg_round_answers_question_id_mtg_round_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."mtg_round_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_round_answers" ADD CONSTRAINT "mtg_round_answers_participant_id_mtg_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."mtg_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_round_electors" ADD CONSTRAINT "mtg_round_electors_round_id_mtg_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."mtg_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_round_electors" ADD CONSTRAINT "mtg_round_electors_participant_id_mtg_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."mtg_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_round_questions" ADD CONSTRAINT "mtg_round_questions_round_id_mtg_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."mtg_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_round_questions" ADD CONSTRAINT "mtg_round_questions_item_id_mtg_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."mtg_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_rounds" ADD CONSTRAINT "mtg_rounds_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mtg_advance_questions_item" ON "mtg_advance_questions" USING btree ("meeting_id","item_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_baselines_one" ON "mtg_baselines" USING btree ("agency_id","kind_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_round_answers_one" ON "mtg_round_answers" USING btree ("question_id","participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_round_questions_position" ON "mtg_round_questions" USING btree ("round_id","position");--> statement-breakpoint
CREATE INDEX "mtg_rounds_meeting" ON "mtg_rounds" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "mtg_meetings_series" ON "mtg_meetings" USING btree ("series_id");