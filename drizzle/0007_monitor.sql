CREATE TYPE "public"."homepage_check_result" AS ENUM('compliant', 'missing', 'unreachable', 'manual_review');--> statement-breakpoint
CREATE TABLE "homepage_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filing_id" uuid NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" uuid,
	"filing_number" text NOT NULL,
	"homepage_url" text NOT NULL,
	"result" "homepage_check_result" NOT NULL,
	"reason" text NOT NULL,
	"final_url" text NOT NULL,
	"http_status" integer NOT NULL,
	"evidence" jsonb NOT NULL,
	"security_txt" jsonb,
	"screenshot" "bytea"
);
--> statement-breakpoint
CREATE TABLE "homepage_monitor" (
	"filing_id" uuid PRIMARY KEY NOT NULL,
	"last_checked_at" timestamp with time zone NOT NULL,
	"last_result" "homepage_check_result" NOT NULL,
	"consecutive_misses" integer DEFAULT 0 NOT NULL,
	"flagged_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "homepage_checks" ADD CONSTRAINT "homepage_checks_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homepage_checks" ADD CONSTRAINT "homepage_checks_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homepage_monitor" ADD CONSTRAINT "homepage_monitor_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "homepage_checks_filing_idx" ON "homepage_checks" USING btree ("filing_id","checked_at");--> statement-breakpoint
CREATE INDEX "homepage_monitor_flagged_idx" ON "homepage_monitor" USING btree ("flagged_at");