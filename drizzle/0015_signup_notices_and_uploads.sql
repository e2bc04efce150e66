CREATE TABLE "attachment_uploads" (
	"blob_id" uuid PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signup_notices" (
	"email_hash" text PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "attachment_uploads_started_idx" ON "attachment_uploads" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "signup_notices_sent_idx" ON "signup_notices" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "attachments_blob_idx" ON "attachments" USING btree ("blob_id");--> statement-breakpoint
-- Chunks already left by killed uploads get a row now, so the sweep removes them an hour after this migration.
INSERT INTO "attachment_uploads" ("blob_id", "started_at")
SELECT DISTINCT c."blob_id", now() FROM "attachment_chunks" c
WHERE NOT EXISTS (SELECT 1 FROM "attachments" a WHERE a."blob_id" = c."blob_id")
  AND NOT EXISTS (SELECT 1 FROM "complaint_evidence" e WHERE e."blob_id" = c."blob_id");
