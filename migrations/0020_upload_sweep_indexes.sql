CREATE INDEX "files_loose" ON "files" USING btree ("created_at") WHERE resource_id is null;--> statement-breakpoint
CREATE INDEX "fb_media_sha" ON "fb_media" USING btree ("sha256");