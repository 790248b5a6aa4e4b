DROP INDEX "stats_facts_recv";--> statement-breakpoint
DROP INDEX "stats_facts_end";--> statement-breakpoint
DROP INDEX "stats_facts_open";--> statement-breakpoint
CREATE INDEX "stats_facts_drill" ON "stats_dossier_facts" USING btree ("agency_id","grp","timeliness","end_month","recv_month","received_at","dossier_id");--> statement-breakpoint
CREATE INDEX "stats_facts_open" ON "stats_dossier_facts" USING btree ("agency_id") WHERE end_month = 999912;