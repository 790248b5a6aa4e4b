CREATE TABLE "stats_synced_dossiers" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Once: the dossiers the portal had acknowledged before the statistics kept this themselves (ADR 13).
INSERT INTO "stats_synced_dossiers" ("dossier_id") SELECT "dossier_id" FROM "int_dvcqg_sync" WHERE "sent_revision" IS NOT NULL ON CONFLICT DO NOTHING;
