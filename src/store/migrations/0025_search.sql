-- Search (store/search). pg_trgm and btree_gin ship with PostgreSQL (the embedded build too) and are
-- trusted extensions: any owner of the database may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
-- The words of a status as status_search keeps them, with PostgreSQL's 'simple' configuration
-- (no stemming: one rule for every language). Its text is the content warning and the text as
-- typed, or for posts from other servers their HTML without tags. Scripts written without spaces
-- between words (Thai, Lao, Myanmar, Khmer, Japanese kana, Chinese characters) and Hangul are
-- indexed as pairs of neighbouring characters, in two passes (pairs from each run's first character
-- and from its second), so that every pair is there and every character starts one; the query side
-- is core/search/text-match.ts, whose PAIRED_SCRIPT must hold the same ranges. Only built-in
-- functions and a qualified configuration, whatever the caller's search_path.
CREATE FUNCTION parley_search_vector(spoiler text, body text, html text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  paired constant text := '\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF66-\uFF9F\U00020000-\U0003134F';
  doc text := spoiler || ' ' || CASE WHEN body <> '' THEN body ELSE regexp_replace(html, '<[^>]*>|&[#a-zA-Z0-9]+;', ' ', 'g') END;
  runs text;
  pair constant text := '([' || paired || '])([' || paired || '])';
BEGIN
  IF doc !~ ('[' || paired || ']') THEN
    RETURN to_tsvector('pg_catalog.simple', doc);
  END IF;
  runs := regexp_replace(doc, '[^' || paired || ']+', ' ', 'g');
  RETURN to_tsvector('pg_catalog.simple', regexp_replace(doc, '[' || paired || ']+', ' ', 'g'))
    || to_tsvector('pg_catalog.simple', regexp_replace(runs, pair, '\1\2 ', 'g') || ' '
      || regexp_replace(regexp_replace(runs, '(^| )([' || paired || '])', '\1\2 ', 'g'), pair, '\1\2 ', 'g'));
END
$$;--> statement-breakpoint
CREATE TABLE "status_search" (
	"status_id" bigint PRIMARY KEY NOT NULL,
	"vector" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "status_search" ADD CONSTRAINT "status_search_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Posts written before search: their words, before the index is built (faster than row by row).
INSERT INTO "status_search" ("status_id", "vector")
SELECT "id", parley_search_vector("spoiler_text", "text", "content_html") FROM "statuses" WHERE "reblog_of_id" IS NULL;--> statement-breakpoint
CREATE INDEX "status_search_idx" ON "status_search" USING gin ("vector",("status_id" >> 38));--> statement-breakpoint
CREATE INDEX "accounts_display_name_trgm_idx" ON "accounts" USING gin ("display_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tags_name_trgm_idx" ON "tags" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "poll_votes_account_idx" ON "poll_votes" USING btree ("account_id","poll_id");