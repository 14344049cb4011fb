CREATE TABLE "campaign_sources" (
	"campaign_id" text NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "campaign_sources_campaign_id_name_pk" PRIMARY KEY("campaign_id","name")
);
--> statement-breakpoint
CREATE TABLE "file_parts" (
	"hash" text NOT NULL,
	"part" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "file_parts_hash_part_pk" PRIMARY KEY("hash","part")
);
--> statement-breakpoint
ALTER TABLE "campaign_sources" ADD CONSTRAINT "campaign_sources_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;