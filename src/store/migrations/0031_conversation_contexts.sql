CREATE TABLE "conversation_contexts" (
	"uri" text PRIMARY KEY NOT NULL,
	"conversation_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "conversation_contexts_conversation_idx" ON "conversation_contexts" USING btree ("conversation_id");