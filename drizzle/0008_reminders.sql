CREATE TABLE "reminders_sent" (
	"key" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "reminders_sent_user_idx" ON "reminders_sent" USING btree ("user_id","sent_at");