ALTER TABLE "statuses" ADD COLUMN "version_languages" text[];--> statement-breakpoint
-- Posts written before the column: their versions' languages, in the order the writer keeps them.
UPDATE "statuses" s SET "version_languages" = v.languages FROM (SELECT status_id, array_agg(language ORDER BY language) AS languages FROM "status_versions" GROUP BY status_id) v WHERE v.status_id = s.id;
