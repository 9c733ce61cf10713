DROP INDEX "statuses_reply_idx";--> statement-breakpoint
DROP INDEX "statuses_conversation_idx";--> statement-breakpoint
CREATE INDEX "statuses_reply_idx" ON "statuses" USING btree ("in_reply_to_id") WHERE "statuses"."in_reply_to_id" is not null;--> statement-breakpoint
CREATE INDEX "statuses_conversation_idx" ON "statuses" USING btree ("conversation_id") WHERE "statuses"."conversation_id" <> "statuses"."id";