// What other servers must hear of. The core records it in the same transaction as the change (a
// durable job), without knowing how it will travel: the federation door turns each event into
// ActivityPub activities and delivers them.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor, JobPayloads, Jobs } from './jobs.ts';

export type OutboxEvent =
  | { type: 'status.created' | 'status.updated'; statusId: string }
  | { type: 'status.deleted'; statusId: string; authorId: string; visibility: string; mentionedIds: string[]; reblogOfId: string | null }
  | { type: 'favourite' | 'unfavourite'; favouriteId: string; accountId: string; statusId: string }
  | { type: 'follow' | 'unfollow'; accountId: string; targetId: string; followId: string; uri: string | null }
  | { type: 'follow.accepted' | 'follow.rejected'; accountId: string; targetId: string; uri: string | null }
  | { type: 'block' | 'unblock'; blockId: string; accountId: string; targetId: string }
  | { type: 'account.updated'; accountId: string }
  /** a local account voted in a remote poll: its author hears of each choice */
  | { type: 'poll.voted'; pollId: string; accountId: string; voteIds: string[] }
  /** the counts of a local poll moved: those who hold it hear of them (see `POLL_UPDATE_DELAY_MS`) */
  | { type: 'poll.updated'; statusId: string }
  /** a local post quotes a remote one: its author's server is asked (FEP-044f's QuoteRequest) */
  | { type: 'quote.requested'; quoteId: string }
  /** a remote account's request to quote a local post was answered */
  | { type: 'quote.accepted' | 'quote.rejected'; quoteId: string }
  /** the author of a local post revoked a quote of it: the quoter's server and followers hear of it */
  | { type: 'quote.revoked'; quoteId: string };

/** Votes in a local poll go out as one update of it at most this often. */
export const POLL_UPDATE_DELAY_MS = 3_000;

export const OUTBOX_TASK = 'outbox' satisfies keyof JobPayloads;

/** Whether an account lives on another server. */
export const isRemote = (account: { domain: string | null }) => account.domain !== null;

/** A remote account that must be sent something, with where its server takes deliveries. */
export interface RemoteRecipient {
  id: string;
  uri: string;
  inboxUrl: string;
  sharedInboxUrl: string | null;
}

export function createOutbox(deps: { jobs: Jobs; db: Executor }) {
  const { jobs, db } = deps;
  return {
    publish(tx: Executor, event: OutboxEvent): Promise<void> {
      return jobs.enqueue(tx, OUTBOX_TASK, event);
    },

    /** A local poll's new counts: one update for the votes of a few seconds, however many they are. */
    pollUpdated(tx: Executor, statusId: string): Promise<void> {
      const event: OutboxEvent = { type: 'poll.updated', statusId };
      return jobs.enqueue(tx, OUTBOX_TASK, event, { key: `poll.updated:${statusId}`, keyMode: 'preserve_run_at', runAt: new Date(Date.now() + POLL_UPDATE_DELAY_MS) });
    },

    /**
     * `publish` as a query inside the statement making the change, publishing only `when` it holds.
     * The event may be SQL made by one of the builders below, from rows of that statement.
     */
    publishQuery(event: OutboxEvent | SQL, when: SQL): SQL {
      return sql`${jobs.enqueueQuery(OUTBOX_TASK, event)} where ${when}`;
    },

    /** A status.created event as JSON, for the status whose id the expression gives. */
    statusCreated: (statusId: SQL): SQL => sql`json_build_object('type', ${'status.created' satisfies OutboxEvent['type']}::text, 'statusId', ${statusId}::text)`,

    /**
     * Whether a local status concerns any other server: its author has remote followers, or it
     * mentions or answers a remote account (most posts on a small server concern none).
     */
    async concernsRemote(tx: Executor, statusId: string): Promise<boolean> {
      const { rows } = await tx.execute<{ yes: boolean }>(sql`
        select exists (
          select 1 from statuses s join account_stats st on st.account_id = s.account_id where s.id = ${statusId} and st.remote_followers_count > 0
        ) or exists (
          select 1 from status_mentions m join accounts a on a.id = m.account_id and a.domain is not null where m.status_id = ${statusId}
        ) or exists (
          select 1 from statuses s join accounts a on a.id in (s.in_reply_to_account_id, (select o.account_id from statuses o where o.id = s.reblog_of_id))
          where s.id = ${statusId} and a.domain is not null
        ) as yes`);
      return Boolean(rows[0]?.yes);
    },

    async hasRemoteFollowers(tx: Executor, accountId: string): Promise<boolean> {
      const { rows } = await tx.execute<{ n: number }>(sql`select remote_followers_count as n from account_stats where account_id = ${accountId}`);
      return (rows[0]?.n ?? 0) > 0;
    },

    /**
     * Remote accounts a status involves besides followers: mentioned, answered, reblogged. A direct
     * message goes to those it mentions only (as Mastodon's): the author it answers is not addressed.
     */
    async participants(statusId: string): Promise<string[]> {
      const { rows } = await db.execute<{ id: string }>(sql`
        select m.account_id as id from status_mentions m where m.status_id = ${statusId}
        union select s.in_reply_to_account_id from statuses s where s.id = ${statusId} and s.in_reply_to_account_id is not null and s.visibility <> 'direct'
        union select o.account_id from statuses s join statuses o on o.id = s.reblog_of_id where s.id = ${statusId}`);
      return rows.map((r) => String(r.id));
    },

    /** Remote followers of an account (when asked) and the given accounts, those that are remote. */
    async recipients(authorId: string, options: { followers: boolean; accountIds: string[] }): Promise<RemoteRecipient[]> {
      const ids = `{${options.accountIds.join(',')}}`;
      const { rows } = await db.execute<{ id: string; uri: string; inbox_url: string; shared_inbox_url: string | null }>(sql`
        select a.id, a.uri, a.inbox_url, a.shared_inbox_url from accounts a
        where a.domain is not null and a.inbox_url is not null and a.uri is not null and a.suspended_at is null
          and (a.id = any(${ids}::bigint[])
               or (${options.followers} and a.id in (select f.account_id from follows f where f.target_account_id = ${authorId})))`);
      return rows.map((r) => ({ id: String(r.id), uri: r.uri, inboxUrl: r.inbox_url, sharedInboxUrl: r.shared_inbox_url }));
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
