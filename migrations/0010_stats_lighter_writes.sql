DROP INDEX "stats_facts_received_at";--> statement-breakpoint
DROP INDEX "stats_facts_ended_at";--> statement-breakpoint
ALTER TABLE "stats_rollup_deltas" DROP COLUMN "id";