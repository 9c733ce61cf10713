CREATE TABLE "account_conversations" (
	"account_id" bigint NOT NULL,
	"conversation_id" bigint NOT NULL,
	"participant_ids" bigint[] DEFAULT '{}' NOT NULL,
	"last_status_id" bigint NOT NULL,
	"unread" boolean DEFAULT false NOT NULL,
	CONSTRAINT "account_conversations_account_id_conversation_id_pk" PRIMARY KEY("account_id","conversation_id")
);
--> statement-breakpoint
ALTER TABLE "account_conversations" ADD CONSTRAINT "account_conversations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_conversations_page_idx" ON "account_conversations" USING btree ("account_id","last_status_id");--> statement-breakpoint
-- Direct messages sent before this table existed: every local account's conversations, read.
INSERT INTO "account_conversations" ("account_id", "conversation_id", "participant_ids", "last_status_id")
WITH "members" AS (
	SELECT s."id" AS "status_id", s."conversation_id", s."account_id" AS "member" FROM "statuses" s WHERE s."visibility" = 'direct'
	UNION
	SELECT s."id", s."conversation_id", m."account_id" FROM "statuses" s JOIN "status_mentions" m ON m."status_id" = s."id" WHERE s."visibility" = 'direct'
), "mine" AS (
	SELECT m.* FROM "members" m JOIN "users" u ON u."account_id" = m."member"
)
SELECT mine."member", mine."conversation_id", coalesce(array_agg(DISTINCT o."member") FILTER (WHERE o."member" <> mine."member"), '{}'), max(mine."status_id")
FROM "mine" JOIN "members" o ON o."status_id" = mine."status_id"
GROUP BY mine."member", mine."conversation_id";
