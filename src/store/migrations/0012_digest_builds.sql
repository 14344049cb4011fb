CREATE TABLE "digest_builds" (
	"campaign_id" text PRIMARY KEY NOT NULL,
	"stamp" text NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	"themes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digest_cells" (
	"campaign_id" text NOT NULL,
	"recipient_key" text NOT NULL,
	"question_id" text NOT NULL,
	"passages" jsonb NOT NULL,
	"proposed" jsonb,
	CONSTRAINT "digest_cells_campaign_id_recipient_key_question_id_pk" PRIMARY KEY("campaign_id","recipient_key","question_id")
);
--> statement-breakpoint
ALTER TABLE "digest_builds" ADD CONSTRAINT "digest_builds_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_cells" ADD CONSTRAINT "digest_cells_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;