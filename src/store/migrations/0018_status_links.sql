CREATE TABLE "status_links" (
	"status_id" bigint NOT NULL,
	"url" text NOT NULL,
	CONSTRAINT "status_links_status_id_url_pk" PRIMARY KEY("status_id","url")
);
--> statement-breakpoint
ALTER TABLE "status_links" ADD CONSTRAINT "status_links_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_links_url_idx" ON "status_links" USING btree ("url","status_id");