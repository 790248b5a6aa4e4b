CREATE TABLE "mtg_ballots" (
	"poll_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mtg_ballots_poll_id_participant_id_pk" PRIMARY KEY("poll_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "mtg_bridge_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit_code" text
);
--> statement-breakpoint
CREATE TABLE "mtg_conclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"text" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "mtg_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"title" text NOT NULL,
	"file_id" uuid,
	"classified" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"latest" boolean DEFAULT true NOT NULL,
	"page_count" integer NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"published_at" timestamp with time zone,
	"paper_copies" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtg_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtg_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"presenting_agency_id" uuid,
	"presenting_unit" text NOT NULL,
	"planned_minutes" integer NOT NULL,
	"expected_outcome" text NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"used_seconds" integer DEFAULT 0 NOT NULL,
	"outcome" text,
	"settled_beforehand" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtg_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid,
	"participant_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtg_kinds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtg_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"title" text NOT NULL,
	"mode" text NOT NULL,
	"place" text,
	"starts_at" timestamp with time zone NOT NULL,
	"planned_end_at" timestamp with time zone NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"current_item_id" uuid,
	"invited_at" timestamp with time zone,
	"lead_working_days" integer,
	"lead_too_short" boolean DEFAULT false NOT NULL,
	"notice_number" text,
	"notice_issued_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtg_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"title" text,
	"role" text NOT NULL,
	"substitute_for" uuid,
	"reply" text DEFAULT 'pending' NOT NULL,
	"attend_mode" text,
	"bridge_point_id" uuid,
	"reason" text,
	"replied_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mtg_poll_electors" (
	"poll_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"voted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "mtg_poll_electors_poll_id_participant_id_pk" PRIMARY KEY("poll_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "mtg_polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"item_id" uuid,
	"question" text NOT NULL,
	"secret" boolean NOT NULL,
	"rules" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"members" integer NOT NULL,
	"present" integer NOT NULL,
	"electorate" integer NOT NULL,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "mtg_secret_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"choice" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtg_speeches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'waiting' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"begun_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"cap_seconds" integer
);
--> statement-breakpoint
CREATE TABLE "mtg_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"conclusion_id" uuid NOT NULL,
	"title" text NOT NULL,
	"responsible_agency_id" uuid NOT NULL,
	"responsible_agency_path" text NOT NULL,
	"responsible_name" text NOT NULL,
	"working_days" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"evidence" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mtg_ballots" ADD CONSTRAINT "mtg_ballots_poll_id_mtg_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."mtg_polls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_ballots" ADD CONSTRAINT "mtg_ballots_participant_id_mtg_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."mtg_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_bridge_points" ADD CONSTRAINT "mtg_bridge_points_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_conclusions" ADD CONSTRAINT "mtg_conclusions_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_conclusions" ADD CONSTRAINT "mtg_conclusions_item_id_mtg_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."mtg_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_documents" ADD CONSTRAINT "mtg_documents_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_documents" ADD CONSTRAINT "mtg_documents_item_id_mtg_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."mtg_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_invitations" ADD CONSTRAINT "mtg_invitations_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_invitations" ADD CONSTRAINT "mtg_invitations_participant_id_mtg_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."mtg_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_items" ADD CONSTRAINT "mtg_items_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_ledger" ADD CONSTRAINT "mtg_ledger_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_meetings" ADD CONSTRAINT "mtg_meetings_kind_id_mtg_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."mtg_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_participants" ADD CONSTRAINT "mtg_participants_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_poll_electors" ADD CONSTRAINT "mtg_poll_electors_poll_id_mtg_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."mtg_polls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_poll_electors" ADD CONSTRAINT "mtg_poll_electors_participant_id_mtg_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."mtg_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_polls" ADD CONSTRAINT "mtg_polls_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_polls" ADD CONSTRAINT "mtg_polls_item_id_mtg_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."mtg_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_secret_ballots" ADD CONSTRAINT "mtg_secret_ballots_poll_id_mtg_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."mtg_polls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_speeches" ADD CONSTRAINT "mtg_speeches_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_speeches" ADD CONSTRAINT "mtg_speeches_item_id_mtg_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."mtg_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_speeches" ADD CONSTRAINT "mtg_speeches_participant_id_mtg_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."mtg_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_tasks" ADD CONSTRAINT "mtg_tasks_meeting_id_mtg_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mtg_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mtg_tasks" ADD CONSTRAINT "mtg_tasks_conclusion_id_mtg_conclusions_id_fk" FOREIGN KEY ("conclusion_id") REFERENCES "public"."mtg_conclusions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_conclusions_item" ON "mtg_conclusions" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "mtg_documents_item" ON "mtg_documents" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "mtg_invitations_meeting" ON "mtg_invitations" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "mtg_items_meeting" ON "mtg_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_items_one_open" ON "mtg_items" USING btree ("meeting_id") WHERE "mtg_items"."state" = 'open';--> statement-breakpoint
CREATE INDEX "mtg_ledger_meeting" ON "mtg_ledger" USING btree ("meeting_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_kinds_code" ON "mtg_kinds" USING btree ("code");--> statement-breakpoint
CREATE INDEX "mtg_meetings_agency_start" ON "mtg_meetings" USING btree ("agency_path","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_participants_user" ON "mtg_participants" USING btree ("meeting_id","user_id") WHERE "mtg_participants"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_participants_one_chair" ON "mtg_participants" USING btree ("meeting_id") WHERE "mtg_participants"."role" = 'chair';--> statement-breakpoint
CREATE INDEX "mtg_participants_by_user" ON "mtg_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mtg_electors_user" ON "mtg_poll_electors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mtg_polls_meeting" ON "mtg_polls" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_polls_one_open" ON "mtg_polls" USING btree ("meeting_id") WHERE "mtg_polls"."state" = 'open';--> statement-breakpoint
CREATE INDEX "mtg_speeches_item" ON "mtg_speeches" USING btree ("item_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_speeches_one_speaking" ON "mtg_speeches" USING btree ("meeting_id") WHERE "mtg_speeches"."state" = 'speaking';--> statement-breakpoint
CREATE UNIQUE INDEX "mtg_speeches_one_waiting" ON "mtg_speeches" USING btree ("item_id","participant_id") WHERE "mtg_speeches"."state" = 'waiting';--> statement-breakpoint
CREATE INDEX "mtg_tasks_agency" ON "mtg_tasks" USING btree ("responsible_agency_path","state");--> statement-breakpoint
CREATE INDEX "mtg_tasks_meeting" ON "mtg_tasks" USING btree ("meeting_id");