DROP INDEX "notifications_account_idx";--> statement-breakpoint
DROP INDEX "status_mentions_account_idx";--> statement-breakpoint
DROP INDEX "status_tags_tag_idx";--> statement-breakpoint
DROP INDEX "statuses_account_idx";--> statement-breakpoint
DROP INDEX "statuses_reblogs_idx";--> statement-breakpoint
DROP INDEX "statuses_public_idx";--> statement-breakpoint
CREATE INDEX "notifications_account_idx" ON "notifications" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "status_mentions_account_idx" ON "status_mentions" USING btree ("account_id","status_id");--> statement-breakpoint
CREATE INDEX "status_tags_tag_idx" ON "status_tags" USING btree ("tag_id","status_id");--> statement-breakpoint
CREATE INDEX "statuses_account_idx" ON "statuses" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "statuses_reblogs_idx" ON "statuses" USING btree ("reblog_of_id","id") WHERE "statuses"."reblog_of_id" is not null;--> statement-breakpoint
CREATE INDEX "statuses_public_idx" ON "statuses" USING btree ("id") WHERE "statuses"."visibility" = 'public' and "statuses"."reblog_of_id" is null;