CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "withheld_publications" (
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"withheld_by" text NOT NULL,
	"withheld_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "withheld_publications_entity_entity_id_pk" PRIMARY KEY("entity","entity_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "withheld_publications" ADD CONSTRAINT "withheld_publications_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;