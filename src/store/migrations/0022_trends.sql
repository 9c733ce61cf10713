CREATE TABLE "trend_approvals" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trend_approvals_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
CREATE TABLE "trends" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"score" double precision NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trends_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
CREATE INDEX "trends_rank_idx" ON "trends" USING btree ("kind","score" DESC NULLS LAST);