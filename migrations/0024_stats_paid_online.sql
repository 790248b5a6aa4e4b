CREATE TABLE "stats_paid_online_dossiers" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
