CREATE TABLE "signup_notices" (
	"email_hash" text PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "signup_notices_sent_idx" ON "signup_notices" USING btree ("sent_at");