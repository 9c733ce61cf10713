CREATE TABLE "fedify_kv" (
	"key" text[] PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "uri" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "url" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "inbox_url" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "shared_inbox_url" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "followers_url" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "fetched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_requests" ADD COLUMN "uri" text;--> statement-breakpoint
ALTER TABLE "follows" ADD COLUMN "uri" text;--> statement-breakpoint
CREATE INDEX "fedify_kv_expires_idx" ON "fedify_kv" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_uri_key" ON "accounts" USING btree ("uri") WHERE "accounts"."uri" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "statuses_uri_key" ON "statuses" USING btree ("uri") WHERE "statuses"."uri" is not null;