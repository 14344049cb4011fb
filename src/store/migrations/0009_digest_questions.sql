ALTER TABLE "campaigns" ADD COLUMN "questions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "file_texts" ADD COLUMN "page_starts" jsonb;