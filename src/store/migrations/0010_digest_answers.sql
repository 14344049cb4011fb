CREATE TABLE "digest_answers" (
	"campaign_id" text NOT NULL,
	"recipient_key" text NOT NULL,
	"question_id" text NOT NULL,
	"decision" text NOT NULL,
	"value" text,
	"quote" text,
	"file" text,
	"page" integer,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_answers_campaign_id_recipient_key_question_id_pk" PRIMARY KEY("campaign_id","recipient_key","question_id")
);
--> statement-breakpoint
ALTER TABLE "digest_answers" ADD CONSTRAINT "digest_answers_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;