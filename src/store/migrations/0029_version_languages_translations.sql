CREATE TABLE "status_translations" (
	"status_id" bigint NOT NULL,
	"edition" timestamp with time zone NOT NULL,
	"language" text NOT NULL,
	"content" text NOT NULL,
	"spoiler_text" text NOT NULL,
	"poll_options" text[],
	"media" jsonb NOT NULL,
	"detected_source_language" text NOT NULL,
	"provider" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_translations_status_id_language_edition_pk" PRIMARY KEY("status_id","language","edition")
);
--> statement-breakpoint
ALTER TABLE "statuses" ADD COLUMN "version_languages" text[];--> statement-breakpoint
ALTER TABLE "status_translations" ADD CONSTRAINT "status_translations_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Posts written before the column: their versions' languages, in the order the writer keeps them.
UPDATE "statuses" s SET "version_languages" = v.languages FROM (SELECT status_id, array_agg(language ORDER BY language) AS languages FROM "status_versions" GROUP BY status_id) v WHERE v.status_id = s.id;
