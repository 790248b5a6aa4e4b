ALTER TABLE "svc_procedure_versions" ADD COLUMN "agencies" jsonb;--> statement-breakpoint
ALTER TABLE "svc_procedure_versions" ADD COLUMN "applied_at" timestamp with time zone;--> statement-breakpoint
-- Versions already in force took effect when published; one dated later is now scheduled.
UPDATE "svc_procedure_versions" SET "applied_at" = "created_at" WHERE "effective_from" <= now();
