CREATE TABLE "attachment_chunks" (
	"blob_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "attachment_chunks_blob_id_seq_pk" PRIMARY KEY("blob_id","seq")
);
--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "blob_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;