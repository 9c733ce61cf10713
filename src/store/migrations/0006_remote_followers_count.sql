ALTER TABLE "account_stats" ADD COLUMN "remote_followers_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "account_stats" st SET "remote_followers_count" = (
  SELECT count(*) FROM "follows" f JOIN "accounts" a ON a."id" = f."account_id" AND a."domain" IS NOT NULL WHERE f."target_account_id" = st."account_id"
);
