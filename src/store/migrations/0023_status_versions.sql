CREATE TABLE "status_versions" (
	"status_id" bigint NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"content_html" text NOT NULL,
	"spoiler_text" text DEFAULT '' NOT NULL,
	CONSTRAINT "status_versions_status_id_language_pk" PRIMARY KEY("status_id","language")
);
--> statement-breakpoint
ALTER TABLE "status_edits" ADD COLUMN "versions" jsonb;--> statement-breakpoint
ALTER TABLE "status_versions" ADD CONSTRAINT "status_versions_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;