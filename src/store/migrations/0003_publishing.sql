CREATE TABLE "document_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"code" text NOT NULL,
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"reply_id" integer NOT NULL,
	"source" text NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"original_hash" text NOT NULL,
	"public_hash" text,
	"public_text" text DEFAULT '' NOT NULL,
	"metadata_removed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publications_entity_entity_id_pk" PRIMARY KEY("entity","entity_id")
);
--> statement-breakpoint
CREATE TABLE "redactions" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"kind" text NOT NULL,
	"spec" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"letter_id" integer,
	"on" date,
	"tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || to_tsvector('english', coalesce(body, ''))) STORED NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "purpose" text;--> statement-breakpoint
ALTER TABLE "document_findings" ADD CONSTRAINT "document_findings_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_reply_id_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."replies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_original_hash_files_hash_fk" FOREIGN KEY ("original_hash") REFERENCES "public"."files"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_public_hash_files_hash_fk" FOREIGN KEY ("public_hash") REFERENCES "public"."files"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redactions" ADD CONSTRAINT "redactions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_entries" ADD CONSTRAINT "search_entries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_findings_document" ON "document_findings" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_of_reply" ON "documents" USING btree ("reply_id","source","name","original_hash");--> statement-breakpoint
CREATE INDEX "publications_campaign" ON "publications" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "redactions_document" ON "redactions" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "search_entries_tsv" ON "search_entries" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_entries_campaign" ON "search_entries" USING btree ("campaign_id");