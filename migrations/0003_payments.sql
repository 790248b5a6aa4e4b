CREATE TABLE "pay_gateway_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"reference" text,
	"transaction_id" text,
	"payload" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"applicant_user_id" uuid,
	"purpose" text NOT NULL,
	"amount" bigint NOT NULL,
	"description" text NOT NULL,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"gateway_payment_id" text,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pay_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"channel" text NOT NULL,
	"method" text NOT NULL,
	"gateway_transaction_id" text,
	"paid_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"recorded_by_label" text,
	"receipt_no" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pay_payments" ADD CONSTRAINT "pay_payments_request_id_pay_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."pay_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pay_gateway_notices_reference" ON "pay_gateway_notices" USING btree ("reference","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_requests_reference" ON "pay_requests" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "pay_requests_dossier" ON "pay_requests" USING btree ("dossier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_requests_one_pending" ON "pay_requests" USING btree ("dossier_id","purpose") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "pay_requests_created" ON "pay_requests" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_payments_request" ON "pay_payments" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_payments_gateway_txn" ON "pay_payments" USING btree ("gateway_transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_payments_receipt" ON "pay_payments" USING btree ("receipt_no");--> statement-breakpoint
CREATE INDEX "pay_payments_dossier" ON "pay_payments" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "pay_payments_paid_at" ON "pay_payments" USING btree ("paid_at","channel");