ALTER TABLE "review_decisions" ADD COLUMN "form_data" jsonb;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD COLUMN "form_personal_enc" text;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD COLUMN "form_files" jsonb;