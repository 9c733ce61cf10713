CREATE TABLE "quotes" (
	"id" bigint PRIMARY KEY NOT NULL,
	"status_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"quoted_status_id" bigint,
	"quoted_account_id" bigint,
	"state" text NOT NULL,
	"activity_uri" text,
	"approval_uri" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "statuses" ADD COLUMN "quotes_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "statuses" ADD COLUMN "quote_policy" text DEFAULT 'public' NOT NULL;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_quoted_status_id_statuses_id_fk" FOREIGN KEY ("quoted_status_id") REFERENCES "public"."statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_quoted_account_id_accounts_id_fk" FOREIGN KEY ("quoted_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_status_key" ON "quotes" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "quotes_quoted_idx" ON "quotes" USING btree ("quoted_status_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_approval_key" ON "quotes" USING btree ("approval_uri");