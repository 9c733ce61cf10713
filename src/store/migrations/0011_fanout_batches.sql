CREATE TABLE "job_batches" (
	"queue" text NOT NULL,
	"id" bigint NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_batches_queue_id_pk" PRIMARY KEY("queue","id")
);
--> statement-breakpoint
ALTER TABLE "home_feeds" DROP CONSTRAINT "home_feeds_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "home_feeds" DROP CONSTRAINT "home_feeds_status_id_statuses_id_fk";
