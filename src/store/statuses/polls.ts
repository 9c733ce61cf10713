// Polls and their votes. A vote's transaction locks its poll's row first (`lockedPoll`), so the
// tallies, the vote count and the voter count move exactly, however many vote at once.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { polls, pollVotes, type PollRow } from '../schema/index.ts';

export type NewPollRow = typeof polls.$inferInsert;

export async function insertPoll(tx: DbOrTx, row: NewPollRow): Promise<void> {
  await tx.insert(polls).values(row);
}

export async function pollById(db: DbOrTx, id: string): Promise<PollRow | undefined> {
  return (await db.select().from(polls).where(eq(polls.id, id)))[0];
}

export function pollsOfStatuses(db: DbOrTx, statusIds: readonly string[]): Promise<PollRow[]> {
  if (statusIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(polls)
    .where(inArray(polls.statusId, [...statusIds]));
}

/** The poll, its row locked until the transaction ends. */
export async function lockedPoll(tx: DbOrTx, id: string): Promise<PollRow | undefined> {
  return (await tx.select().from(polls).where(eq(polls.id, id)).for('update'))[0];
}

/** The options this account chose, in order (none when it has not voted). */
export async function choicesOf(db: DbOrTx, pollId: string, accountId: string): Promise<number[]> {
  const rows = await db
    .select({ choice: pollVotes.choice })
    .from(pollVotes)
    .where(and(eq(pollVotes.pollId, pollId), eq(pollVotes.accountId, accountId)))
    .orderBy(pollVotes.choice);
  return rows.map((r) => r.choice);
}

/**
 * Records one account's vote (one row per choice) and counts it, inside the locking transaction;
 * `newVoter`: the account had not voted before (a remote vote in several choices comes in parts).
 */
export async function recordVote(tx: DbOrTx, poll: PollRow, vote: { accountId: string; newVoter: boolean; choices: readonly { id: string; choice: number; uri?: string | null }[] }): Promise<void> {
  await tx.insert(pollVotes).values(vote.choices.map((c) => ({ id: c.id, pollId: poll.id, accountId: vote.accountId, choice: c.choice, uri: c.uri ?? null })));
  const tallies = poll.tallies.map((n, i) => n + vote.choices.filter((c) => c.choice === i).length);
  await tx
    .update(polls)
    .set({ tallies, votesCount: sql`${polls.votesCount} + ${vote.choices.length}`, votersCount: sql`${polls.votersCount} + ${vote.newVoter ? 1 : 0}`, updatedAt: new Date() })
    .where(eq(polls.id, poll.id));
}

/** Changes a poll by an edit; new options (or kinds) start its votes over. Answers who had voted, when they did. */
export async function replacePoll(tx: DbOrTx, id: string, change: Pick<PollRow, 'options' | 'multiple' | 'hideTotals' | 'expiresAt'>, resetVotes: boolean): Promise<string[]> {
  const dropped = resetVotes ? await tx.delete(pollVotes).where(eq(pollVotes.pollId, id)).returning({ accountId: pollVotes.accountId }) : [];
  const counts = resetVotes ? { tallies: change.options.map(() => 0), votesCount: 0, votersCount: 0 } : {};
  await tx
    .update(polls)
    .set({ ...change, ...counts, closedAt: null, updatedAt: new Date() })
    .where(eq(polls.id, id));
  return [...new Set(dropped.map((d) => d.accountId))];
}

/** What a remote poll's server says of it now (its counts, its end); closing it is ours (see `closePoll`). */
export async function updateRemotePoll(tx: DbOrTx, id: string, state: Pick<PollRow, 'tallies' | 'votersCount' | 'expiresAt'>): Promise<void> {
  const votesCount = state.tallies.reduce((a, b) => a + b, 0);
  await tx
    .update(polls)
    .set({ ...state, votesCount, lastFetchedAt: new Date(), updatedAt: new Date() })
    .where(eq(polls.id, id));
}

/** A remote poll was asked of its server (answered or not): not asked again before it is stale. */
export async function touchFetched(db: DbOrTx, id: string): Promise<void> {
  await db.update(polls).set({ lastFetchedAt: new Date() }).where(eq(polls.id, id));
}

/** Where a remote poll lives: its status's uri and author (undefined: gone, or a local poll). */
export async function remotePollOrigin(db: DbOrTx, pollId: string): Promise<{ statusId: string; uri: string; accountId: string } | undefined> {
  const { rows } = await db.execute<{ status_id: string; uri: string; account_id: string }>(
    sql`select s.id::text as status_id, s.uri, s.account_id::text as account_id from polls p join statuses s on s.id = p.status_id where p.id = ${pollId} and not s.local and s.uri is not null`,
  );
  const row = rows[0];
  return row ? { statusId: String(row.status_id), uri: row.uri, accountId: String(row.account_id) } : undefined;
}

/** The remote accounts that voted in a status's poll (their servers hear of its counts). */
export async function remoteVoterIds(db: DbOrTx, statusId: string): Promise<string[]> {
  const { rows } = await db.execute<{ account_id: string }>(
    sql`select distinct v.account_id::text as account_id from polls p join poll_votes v on v.poll_id = p.id join accounts a on a.id = v.account_id where p.status_id = ${statusId} and a.domain is not null`,
  );
  return rows.map((r) => String(r.account_id));
}

/** One local account that voted in the poll (null: none did). */
export async function aLocalVoter(db: DbOrTx, pollId: string): Promise<string | null> {
  const { rows } = await db.execute<{ account_id: string }>(
    sql`select v.account_id::text as account_id from poll_votes v join accounts a on a.id = v.account_id where v.poll_id = ${pollId} and a.domain is null limit 1`,
  );
  return rows[0] ? String(rows[0].account_id) : null;
}

/** The votes of ours these ids name, with their option's title. */
export async function votesByIds(db: DbOrTx, ids: readonly string[]): Promise<{ id: string; choice: number }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: pollVotes.id, choice: pollVotes.choice })
    .from(pollVotes)
    .where(inArray(pollVotes.id, [...ids]));
}

/**
 * Marks the poll closed, once: the voters (local accounts) to notify and whether its author is
 * local, or null when it was already closed or is gone.
 */
export async function closePoll(tx: DbOrTx, id: string): Promise<{ poll: PollRow; localVoters: string[]; localAuthor: boolean } | null> {
  const [poll] = await tx
    .update(polls)
    .set({ closedAt: new Date() })
    .where(and(eq(polls.id, id), isNull(polls.closedAt)))
    .returning();
  if (!poll) return null;
  const voters = await tx.execute<{ account_id: string }>(
    sql`select distinct v.account_id::text as account_id from poll_votes v join accounts a on a.id = v.account_id where v.poll_id = ${id} and a.domain is null`,
  );
  const author = await tx.execute<{ local: boolean }>(sql`select domain is null as local from accounts where id = ${poll.accountId}`);
  return { poll, localVoters: voters.rows.map((r) => String(r.account_id)), localAuthor: Boolean(author.rows[0]?.local) };
}

/** Takes a poll off (its votes go with it); answers who had voted. */
export async function deletePoll(tx: DbOrTx, id: string): Promise<string[]> {
  const voters = await tx.selectDistinct({ accountId: pollVotes.accountId }).from(pollVotes).where(eq(pollVotes.pollId, id));
  await tx.delete(polls).where(eq(polls.id, id));
  return voters.map((v) => v.accountId);
}
