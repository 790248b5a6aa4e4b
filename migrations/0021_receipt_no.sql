ALTER TABLE "svc_dossiers" ADD COLUMN "receipt_no" text;--> statement-breakpoint
CREATE UNIQUE INDEX "svc_dossiers_receipt_no" ON "svc_dossiers" USING btree ("receipt_no");