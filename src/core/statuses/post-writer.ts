// Writing a new post with all it entails, in one commit: its row, fan-out queued, hashtags, links,
// mentions and their notifications, the idempotency key, and its delivery
// to other servers when it concerns them. Two writers do it: the plain one, statement by
// statement, is the reference; the fast one (the one Parley runs) writes most posts with a
// statement shared with the posts made at the same moment (see post-statement), and must agree
// with the plain one (test/core/post-writer.test.ts).
import type { Db, Tx } from '../../store/db.ts';
import { recordKey } from '../../store/statuses/idempotency.ts';
import { insertStatus } from '../../store/statuses/rows.ts';
import type { Jobs } from '../jobs.ts';
import type { Account } from '../accounts/service.ts';
import type { Notifications } from '../notifications/service.ts';
import type { Outbox } from '../outbox.ts';
import { FANOUT_QUEUE } from '../timelines/fanout.ts';
import type { Composer, StatusTag } from './compose.ts';
import { companionColumns, createPostStatement, type CompanionRow } from './post-statement.ts';
import { attach } from '../media/attach.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import type { Status } from './views.ts';
import type { PollSpec } from './poll-input.ts';
import { insertPoll } from '../../store/statuses/polls.ts';
import { deleteScheduled } from '../../store/statuses/scheduled.ts';
import { NotFoundError } from '../errors.ts';
import { writeLinks } from '../../store/statuses/links.ts';
import type { NewQuote } from './quote.ts';
import { writeQuote } from './quote-write.ts';
import type { KeptVersion } from '../../store/schema/index.ts';
import { replaceVersions } from '../../store/statuses/versions.ts';

export interface NewPost {
  /** the row as PostgreSQL will hold it, every column given */
  row: Status;
  /** its hashtags as typed */
  tagNames: readonly string[];
  /** the web addresses it links to, normalised (see text/links) */
  links: readonly string[];
  mentioned: readonly Account[];
  /** the status it answers */
  parent: Status | undefined;
  idempotencyKey: string | undefined;
  /** its attachments, checked (see media/attach) */
  media: readonly MediaRow[];
  /** its poll, checked (see poll-input) */
  poll: NewPoll | undefined;
  /** the status it quotes, checked (see quote) */
  quote: NewQuote | undefined;
  /** the scheduled post it makes, removed in the same commit (see publish-scheduled) */
  scheduledId: string | undefined;
  /** its versions in other languages, checked (see versions) */
  versions?: readonly KeptVersion[] | undefined;
  /** rows of other tables that belong to the post, written with it (see post-statement) */
  companions?: readonly CompanionRow[] | undefined;
}

export type NewPoll = PollSpec & { id: string };

export interface PostWriter {
  /** Writes the post and all it entails in one commit; answers with the hashtags linked. */
  write(post: NewPost): Promise<StatusTag[]>;
}

export interface PostWriterDeps {
  db: Db;
  jobs: Jobs;
  outbox: Outbox;
  notifications: Notifications;
  composer: Composer;
}

/**
 * What the fast writer does with each field of a new post: `shared`, the shared statement writes it
 * (every column of the row travels, see post-statement); `alone`, a post where it is set (not
 * undefined, null or empty) is written in a transaction of its own. A field missing here fails to
 * compile, and at run time (see `shareable`): a new attribute never skips the fast path silently.
 */
export const FAST_PATH_FIELDS = {
  row: 'shared',
  tagNames: 'shared',
  links: 'shared',
  mentioned: 'alone',
  // A reply's row names its parent, and fan-out counts it there (see fanout-count): the shared
  // statement writes it, unless the parent is another server's (its delivery then goes there too).
  parent: 'shared',
  idempotencyKey: 'alone',
  media: 'alone',
  poll: 'alone',
  quote: 'alone',
  scheduledId: 'alone',
  versions: 'alone',
  companions: 'shared',
} as const satisfies Record<keyof NewPost, 'shared' | 'alone'>;

const isSet = (value: unknown): boolean => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/** Whether the shared statement writes all of this post. */
export function shareable(post: NewPost): boolean {
  if (post.parent && !post.parent.local) return false;
  for (const key in post) {
    const route: 'shared' | 'alone' | undefined = FAST_PATH_FIELDS[key as keyof NewPost];
    if (route === undefined) throw new Error(`post-writer: NewPost.${key} is not in FAST_PATH_FIELDS`);
    if (route === 'alone' && isSet(post[key as keyof NewPost])) return false;
  }
  return true;
}

/** What only a post written alone has: mentions notified, the key recorded, the schedule it made removed (its parent counts it in fan-out's batch). */
async function writeExtras(tx: Tx, deps: PostWriterDeps, post: NewPost): Promise<void> {
  const { row } = post;
  await deps.composer.mention(tx, row.id, post);
  if (post.idempotencyKey) await recordKey(tx, row.accountId, post.idempotencyKey, row.id, row.createdAt);
  if (post.media.length > 0) await attach(tx, row.id, post.media);
  if (post.poll) await writePoll(tx, deps.jobs, row, post.poll);
  if (post.quote) await writeQuote(tx, deps, row, post.quote);
  if (post.versions?.length) await replaceVersions(tx, row.id, post.versions);
  // Made once: a scheduled post cancelled meanwhile (or made already) rolls this one back.
  if (post.scheduledId && !(await deleteScheduled(tx, post.scheduledId))) throw new NotFoundError('The scheduled post is gone');
  await deps.notifications.notify(
    tx,
    post.mentioned.map((a) => ({ recipientId: a.id, fromId: row.accountId, type: 'mention' as const, statusId: row.id })),
  );
}

/** The poll of a new post, and the job that closes it when it ends. */
async function writePoll(tx: Tx, jobs: Jobs, row: Status, poll: NewPoll): Promise<void> {
  await insertPoll(tx, { ...poll, statusId: row.id, accountId: row.accountId, tallies: poll.options.map(() => 0) });
  await jobs.enqueue(tx, 'poll.expire', { pollId: poll.id }, { runAt: poll.expiresAt });
}

/** Other servers hear of a post also when one of their accounts is mentioned or wrote the parent. */
const concernsRemoteBesidesFollowers = (post: NewPost): boolean =>
  post.mentioned.some((a) => a.domain !== null) || (post.parent !== undefined && !post.parent.local) || (post.quote !== undefined && !post.quote.quoted.local);

/** The reference: every part of the post in a statement of its own. */
export function createPlainPostWriter(deps: PostWriterDeps): PostWriter {
  const { db, jobs, outbox, composer } = deps;
  return {
    write: (post) =>
      db.transaction(async (tx) => {
        const { row } = post;
        await insertStatus(tx, row);
        await jobs.batches.enqueue(tx, FANOUT_QUEUE, row.id);
        const tags = await composer.link(tx, row.id, post);
        await writeLinks(tx, row.id, post.links);
        for (const c of post.companions ?? []) {
          companionColumns(c); // every column given, as the shared statement requires
          await tx.insert(c.table).values(c.row);
        }
        await writeExtras(tx, deps, post);
        if ((await outbox.hasRemoteFollowers(tx, row.accountId)) || concernsRemoteBesidesFollowers(post)) {
          await outbox.publish(tx, { type: 'status.created', statusId: row.id });
        }
        return tags;
      }),
  };
}

/**
 * The one Parley runs: a post with no field routed `alone` (most) is the shared statement alone;
 * another is that statement and the rest in a transaction of its own.
 */
export function createFastPostWriter(deps: PostWriterDeps): PostWriter {
  const { db, outbox, composer } = deps;
  const statement = createPostStatement(deps);
  return {
    async write(post) {
      const id = post.row.id;
      const given = { row: post.row, tags: composer.tagRows(id, post), links: post.links, companions: post.companions };
      // The rare completion of hashtags made by a concurrent post (see linkedTags) follows it.
      if (shareable(post)) return composer.linkedTags(db, id, post, (await statement.submit(given)).tags);
      return db.transaction(async (tx) => {
        const written = await statement.inside(tx, given);
        const linked = await composer.linkedTags(tx, id, post, written.tags);
        await writeExtras(tx, deps, post);
        if (!written.federated && concernsRemoteBesidesFollowers(post)) await outbox.publish(tx, { type: 'status.created', statusId: id });
        return linked;
      });
    },
  };
}
