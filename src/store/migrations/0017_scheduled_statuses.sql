CREATE TABLE "scheduled_statuses" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"params" jsonb NOT NULL,
	"app_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media_attachments" ADD COLUMN "scheduled_status_id" bigint;--> statement-breakpoint
ALTER TABLE "scheduled_statuses" ADD CONSTRAINT "scheduled_statuses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_statuses" ADD CONSTRAINT "scheduled_statuses_app_id_oauth_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."oauth_apps"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scheduled_statuses_account_idx" ON "scheduled_statuses" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "scheduled_statuses_day_idx" ON "scheduled_statuses" USING btree ("account_id","scheduled_at");--> statement-breakpoint
ALTER TABLE "media_attachments" ADD CONSTRAINT "media_attachments_scheduled_status_id_scheduled_statuses_id_fk" FOREIGN KEY ("scheduled_status_id") REFERENCES "public"."scheduled_statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_attachments_scheduled_idx" ON "media_attachments" USING btree ("scheduled_status_id") WHERE "media_attachments"."scheduled_status_id" is not null;