ALTER TABLE "account_stats" ADD COLUMN "revision" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE FUNCTION "account_stats_next_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.revision := OLD.revision + 1;
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "account_stats_revision" BEFORE UPDATE ON "account_stats" FOR EACH ROW EXECUTE FUNCTION "account_stats_next_revision"();
