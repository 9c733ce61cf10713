// Questions put to events, their votes and their answers.
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { eventAnswers, eventQuestions, eventVotes, type EventAnswerRow, type EventQuestionRow, type QuestionState } from '../schema/index.ts';

export type { EventAnswerRow, EventQuestionRow, QuestionState };

/** A new question; undefined when its post asks one already. */
export async function insertQuestion(tx: DbOrTx, row: typeof eventQuestions.$inferInsert): Promise<EventQuestionRow | undefined> {
  const [made] = await tx.insert(eventQuestions).values(row).onConflictDoNothing({ target: eventQuestions.statusId }).returning();
  return made;
}

export async function questionById(db: DbOrTx, id: string): Promise<EventQuestionRow | undefined> {
  const [row] = await db.select().from(eventQuestions).where(eq(eventQuestions.id, id));
  return row;
}

export async function questionByStatus(db: DbOrTx, statusId: string): Promise<EventQuestionRow | undefined> {
  const [row] = await db.select().from(eventQuestions).where(eq(eventQuestions.statusId, statusId));
  return row;
}

/** The question row, locked until the transaction ends (its moderation and answer are made one at a time). */
export async function lockQuestion(tx: DbOrTx, id: string): Promise<EventQuestionRow | undefined> {
  const [row] = await tx.select().from(eventQuestions).where(eq(eventQuestions.id, id)).for('update');
  return row;
}

export async function updateQuestion(tx: DbOrTx, id: string, values: Partial<typeof eventQuestions.$inferInsert>): Promise<EventQuestionRow> {
  const [row] = await tx.update(eventQuestions).set(values).where(eq(eventQuestions.id, id)).returning();
  return row!;
}

export type QuestionOrder = 'top' | 'new' | 'queue' | 'answered';

export interface QuestionFilter {
  eventId: string;
  states: readonly QuestionState[];
  language?: string | undefined;
  order: QuestionOrder;
  limit: number;
  offset: number;
  maxId?: string | undefined;
}

function orderOf(order: QuestionOrder): SQL[] {
  if (order === 'new') return [desc(eventQuestions.id)];
  // The order they were answered in (the archive's).
  if (order === 'answered') return [asc(eventQuestions.answeredAt), asc(eventQuestions.id)];
  // The queue: the most wanted first, then the oldest; 'top' is the same order over every state asked.
  return [desc(eventQuestions.votesCount), asc(eventQuestions.id)];
}

export function questionsOf(db: DbOrTx, f: QuestionFilter): Promise<EventQuestionRow[]> {
  const conditions: (SQL | undefined)[] = [eq(eventQuestions.eventId, f.eventId), inArray(eventQuestions.state, [...f.states])];
  if (f.language) conditions.push(eq(eventQuestions.language, f.language));
  if (f.maxId && f.order === 'new') conditions.push(lt(eventQuestions.id, f.maxId));
  return db
    .select()
    .from(eventQuestions)
    .where(and(...conditions))
    .orderBy(...orderOf(f.order))
    .limit(f.limit)
    .offset(f.offset);
}

/** How many questions an event has, and how many were answered. */
export async function questionCounts(db: DbOrTx, eventIds: readonly string[]): Promise<Map<string, { questions: number; answered: number }>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .select({
      eventId: eventQuestions.eventId,
      questions: sql<number>`count(*) filter (where ${eventQuestions.state} in ('approved', 'answered'))::int`,
      answered: sql<number>`count(*) filter (where ${eventQuestions.state} = 'answered')::int`,
    })
    .from(eventQuestions)
    .where(inArray(eventQuestions.eventId, [...eventIds]))
    .groupBy(eventQuestions.eventId);
  return new Map(rows.map((r) => [r.eventId, { questions: r.questions, answered: r.answered }]));
}

/**
 * One vote, counted in the same transaction: the count is exact under any contention (the row
 * lock orders the increments). The new count, or null when the account had voted already.
 */
export async function addVote(tx: DbOrTx, questionId: string, accountId: string): Promise<number | null> {
  const result = await tx.execute<{ votes_count: number }>(sql`
    with vote as (insert into event_votes (question_id, account_id) values (${questionId}, ${accountId}) on conflict do nothing returning question_id)
    update event_questions set votes_count = votes_count + 1 where id = (select question_id from vote) returning votes_count`);
  return result.rows[0]?.votes_count ?? null;
}

/** A vote taken back: the new count, or null when there was none. */
export async function removeVote(tx: DbOrTx, questionId: string, accountId: string): Promise<number | null> {
  const result = await tx.execute<{ votes_count: number }>(sql`
    with vote as (delete from event_votes where question_id = ${questionId} and account_id = ${accountId} returning question_id)
    update event_questions set votes_count = votes_count - 1 where id = (select question_id from vote) returning votes_count`);
  return result.rows[0]?.votes_count ?? null;
}

/** Moves a merged question's votes to the one kept (a voter of both counts once); the kept one's new count. */
export async function moveVotes(tx: DbOrTx, fromId: string, intoId: string): Promise<number> {
  await tx.execute(sql`insert into event_votes (question_id, account_id, created_at) select ${intoId}, account_id, created_at from event_votes where question_id = ${fromId} on conflict do nothing`);
  await tx.delete(eventVotes).where(eq(eventVotes.questionId, fromId));
  const result = await tx.execute<{ votes_count: number }>(sql`
    update event_questions set votes_count = (select count(*) from event_votes where question_id = ${intoId}) where id = ${intoId} returning votes_count`);
  await tx.update(eventQuestions).set({ votesCount: 0 }).where(eq(eventQuestions.id, fromId));
  return result.rows[0]?.votes_count ?? 0;
}

/** Which of these questions the account voted for. */
export async function votedOf(db: DbOrTx, accountId: string, questionIds: readonly string[]): Promise<Set<string>> {
  if (questionIds.length === 0) return new Set();
  const rows = await db
    .select({ id: eventVotes.questionId })
    .from(eventVotes)
    .where(and(eq(eventVotes.accountId, accountId), inArray(eventVotes.questionId, [...questionIds])));
  return new Set(rows.map((r) => r.id));
}

/** The current counts of these questions (for the live counts sent to screens). */
export async function voteCounts(db: DbOrTx, questionIds: readonly string[]): Promise<Map<string, number>> {
  if (questionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: eventQuestions.id, n: eventQuestions.votesCount })
    .from(eventQuestions)
    .where(inArray(eventQuestions.id, [...questionIds]));
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function answersOf(db: DbOrTx, questionIds: readonly string[]): Promise<Map<string, EventAnswerRow>> {
  if (questionIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(eventAnswers)
    .where(inArray(eventAnswers.questionId, [...questionIds]));
  return new Map(rows.map((r) => [r.questionId, r]));
}

/** Writes the answer (a new one replaces a prepared one). */
export async function saveAnswer(tx: DbOrTx, row: typeof eventAnswers.$inferInsert): Promise<EventAnswerRow> {
  const [made] = await tx
    .insert(eventAnswers)
    .values(row)
    .onConflictDoUpdate({ target: eventAnswers.questionId, set: { accountId: row.accountId, statusId: row.statusId ?? null, draft: row.draft ?? null, releasedAt: row.releasedAt ?? null } })
    .returning();
  return made!;
}
