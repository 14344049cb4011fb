CREATE TABLE "digest_themes" (
	"campaign_id" text NOT NULL,
	"key" text NOT NULL,
	"label" text,
	"hidden" boolean DEFAULT false NOT NULL,
	"merged_into" text,
	CONSTRAINT "digest_themes_campaign_id_key_pk" PRIMARY KEY("campaign_id","key")
);
--> statement-breakpoint
ALTER TABLE "digest_themes" ADD CONSTRAINT "digest_themes_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;