ALTER TABLE "campaigns" ADD COLUMN "chase_every_days" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "withdrawn_reason" text;