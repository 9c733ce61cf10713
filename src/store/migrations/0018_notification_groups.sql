CREATE TABLE "notification_permissions" (
	"account_id" bigint NOT NULL,
	"from_account_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_permissions_account_id_from_account_id_pk" PRIMARY KEY("account_id","from_account_id")
);
--> statement-breakpoint
CREATE TABLE "notification_policies" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"for_not_following" text DEFAULT 'accept' NOT NULL,
	"for_not_followers" text DEFAULT 'accept' NOT NULL,
	"for_new_accounts" text DEFAULT 'accept' NOT NULL,
	"for_private_mentions" text DEFAULT 'accept' NOT NULL,
	"for_limited_accounts" text DEFAULT 'accept' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_requests" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"from_account_id" bigint NOT NULL,
	"last_status_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "group_key" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "filtered" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing favourites, reblogs and follows get group keys as new ones do (core/notifications/group-key):
-- their type (and status) and an hour; past rows are put in 12-hour windows counted from the epoch.
UPDATE "notifications" SET "group_key" = (CASE WHEN "type" = 'follow' THEN 'follow' ELSE "type" || '-' || "status_id" END) || '-' || (floor(extract(epoch FROM "created_at") / 3600)::bigint / 12 * 12)::text
WHERE "type" = 'follow' OR ("type" IN ('favourite', 'reblog') AND "status_id" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "notification_permissions" ADD CONSTRAINT "notification_permissions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_permissions" ADD CONSTRAINT "notification_permissions_from_account_id_accounts_id_fk" FOREIGN KEY ("from_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_policies" ADD CONSTRAINT "notification_policies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_requests" ADD CONSTRAINT "notification_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_requests" ADD CONSTRAINT "notification_requests_from_account_id_accounts_id_fk" FOREIGN KEY ("from_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_requests" ADD CONSTRAINT "notification_requests_last_status_id_statuses_id_fk" FOREIGN KEY ("last_status_id") REFERENCES "public"."statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_requests_pair_key" ON "notification_requests" USING btree ("account_id","from_account_id");--> statement-breakpoint
CREATE INDEX "notification_requests_account_idx" ON "notification_requests" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "notifications_group_idx" ON "notifications" USING btree ("account_id","group_key","id") WHERE "notifications"."group_key" is not null;--> statement-breakpoint
CREATE INDEX "notifications_filtered_idx" ON "notifications" USING btree ("account_id","from_account_id") WHERE "notifications"."filtered";