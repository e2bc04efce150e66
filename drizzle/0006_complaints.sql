CREATE TYPE "public"."complaint_category" AS ENUM('unfiled', 'false_info', 'number_not_shown', 'illegal_publication', 'leak', 'other');--> statement-breakpoint
CREATE TYPE "public"."complaint_channel" AS ENUM('web', 'phone', 'email');--> statement-breakpoint
CREATE TYPE "public"."complaint_status" AS ENUM('received', 'verifying', 'substantiated', 'unsubstantiated', 'closed');--> statement-breakpoint
CREATE TABLE "altcha_spent" (
	"challenge" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"spent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"status" "complaint_status" NOT NULL,
	"actor_id" uuid,
	"note" text,
	"public" boolean DEFAULT false NOT NULL,
	"public_note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sm3" text NOT NULL,
	"blob_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_code" text NOT NULL,
	"channel" "complaint_channel" NOT NULL,
	"category" "complaint_category" NOT NULL,
	"status" "complaint_status" DEFAULT 'received' NOT NULL,
	"target_filing_number" text,
	"target_filing_id" uuid,
	"target_name" text,
	"target_url" text,
	"target_key" text NOT NULL,
	"description" text NOT NULL,
	"contact_enc" text,
	"assigned_handler_id" uuid,
	"recorded_by" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"received_date" date NOT NULL,
	"limit_working_days" integer NOT NULL,
	"due_date" date NOT NULL,
	"due_provisional" boolean DEFAULT false NOT NULL,
	"reply" text,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_tracking_code_unique" UNIQUE("tracking_code")
);
--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_evidence" ADD CONSTRAINT "complaint_evidence_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "altcha_spent_expires_idx" ON "altcha_spent" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("complaint_id","id");--> statement-breakpoint
CREATE INDEX "complaint_evidence_complaint_idx" ON "complaint_evidence" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "complaints_status_due_idx" ON "complaints" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "complaints_target_idx" ON "complaints" USING btree ("target_key");--> statement-breakpoint
CREATE INDEX "complaints_handler_idx" ON "complaints" USING btree ("assigned_handler_id");