CREATE TYPE "public"."change_status" AS ENUM('draft', 'submitted', 'correction_requested', 'approved', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."deregistration_status" AS ENUM('scheduled', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."filing_status" AS ENUM('draft', 'submitted', 'correction_requested', 'approved', 'withdrawn', 'deregistered', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('pending', 'running', 'done', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "deregistrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filing_id" uuid NOT NULL,
	"status" "deregistration_status" NOT NULL,
	"termination_date" date NOT NULL,
	"reason" text,
	"late" boolean DEFAULT false NOT NULL,
	"scheduled_for" timestamp with time zone,
	"job_id" uuid,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"carried_out_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text
);
--> statement-breakpoint
CREATE TABLE "filing_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filing_id" uuid NOT NULL,
	"status" "change_status" DEFAULT 'draft' NOT NULL,
	"base_version" integer NOT NULL,
	"change_date" date NOT NULL,
	"change_deadline" date NOT NULL,
	"deadline_provisional" boolean DEFAULT false NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"personal_enc" text,
	"platform_name" text,
	"submitted_at" timestamp with time zone,
	"received_date" date,
	"due_date" date,
	"due_provisional" boolean DEFAULT false NOT NULL,
	"approved_at" timestamp with time zone,
	"applied_version" integer,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_by" uuid NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filing_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filing_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"personal_enc" text NOT NULL,
	"public_record" jsonb NOT NULL,
	"change_id" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key" text,
	"run_at" timestamp with time zone NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"cron" text,
	"timezone" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 10 NOT NULL,
	"lock_token" uuid,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "attachments_filing_idx";--> statement-breakpoint
ALTER TABLE "filings" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "filings" ALTER COLUMN "status" SET DATA TYPE "public"."filing_status" USING "status"::"public"."filing_status";--> statement-breakpoint
ALTER TABLE "filings" ALTER COLUMN "status" SET DEFAULT 'draft'::"public"."filing_status";--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "change_id" uuid;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "sealed_id" uuid;--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "record_version" integer;--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "last_change_date" date;--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "deregistered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "revocation_reason" text;--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "revocation_complaint_id" uuid;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD COLUMN "change_id" uuid;--> statement-breakpoint
ALTER TABLE "deregistrations" ADD CONSTRAINT "deregistrations_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deregistrations" ADD CONSTRAINT "deregistrations_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_changes" ADD CONSTRAINT "filing_changes_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_changes" ADD CONSTRAINT "filing_changes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_versions" ADD CONSTRAINT "filing_versions_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_versions" ADD CONSTRAINT "filing_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deregistrations_filing_idx" ON "deregistrations" USING btree ("filing_id");--> statement-breakpoint
CREATE INDEX "deregistrations_status_idx" ON "deregistrations" USING btree ("status","termination_date");--> statement-breakpoint
CREATE UNIQUE INDEX "deregistrations_one_scheduled_idx" ON "deregistrations" USING btree ("filing_id") WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX "filing_changes_filing_idx" ON "filing_changes" USING btree ("filing_id");--> statement-breakpoint
CREATE INDEX "filing_changes_status_due_idx" ON "filing_changes" USING btree ("status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "filing_changes_one_open_idx" ON "filing_changes" USING btree ("filing_id") WHERE status in ('draft', 'submitted', 'correction_requested');--> statement-breakpoint
CREATE UNIQUE INDEX "filing_versions_filing_version_idx" ON "filing_versions" USING btree ("filing_id","version");--> statement-breakpoint
CREATE INDEX "scheduled_jobs_due_idx" ON "scheduled_jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_jobs_active_key_idx" ON "scheduled_jobs" USING btree ("name","key") WHERE status in ('pending', 'running') and key is not null;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_change_id_filing_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."filing_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_change_id_filing_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."filing_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_filing_idx" ON "attachments" USING btree ("filing_id","change_id");--> statement-breakpoint
INSERT INTO "filing_versions" ("filing_id", "version", "data", "personal_enc", "public_record", "approved_at") SELECT "id", 1, "data", "personal_enc", "public_record", coalesce("approved_at", "updated_at") FROM "filings" WHERE "filing_number" IS NOT NULL AND "public_record" IS NOT NULL AND "personal_enc" IS NOT NULL;--> statement-breakpoint
UPDATE "filings" SET "record_version" = 1 WHERE "id" IN (SELECT "filing_id" FROM "filing_versions");
