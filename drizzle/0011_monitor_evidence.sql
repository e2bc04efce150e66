CREATE TABLE "homepage_bodies" (
	"sm3" text PRIMARY KEY NOT NULL,
	"gz" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "homepage_checks" ADD COLUMN "complaint_id" uuid;--> statement-breakpoint
ALTER TABLE "homepage_checks" ADD CONSTRAINT "homepage_checks_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "homepage_checks_complaint_idx" ON "homepage_checks" USING btree ("complaint_id");