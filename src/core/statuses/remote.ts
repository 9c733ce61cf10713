// Statuses written on other servers: stored when their server tells us (or when someone looks one
// up), with the same visibility, notifications and fan-out as local ones.
import { setRemoteAttachments, type RemoteAttachment } from '../media/remote.ts';
import { mediaOfStatuses } from '../../store/media/rows.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../store/db.ts';
import { accounts, statusEdits, statuses, type StatusRow, type Visibility } from '../../store/schema/index.ts';
import type { Jobs } from '../jobs.ts';
import type { Account } from '../accounts/service.ts';
import type { IdGenerator } from '../ids.ts';
import type { Notifications } from '../notifications/service.ts';
import { linksInHtml } from '../text/links.ts';
import { sanitizeHtml } from '../text/sanitize.ts';
import { wellFormedText } from '../text/well-formed.ts';
import type { Composer } from './compose.ts';
import type { Statuses } from './service.ts';
import { FANOUT_QUEUE } from '../timelines/fanout.ts';
import { queuePollLive } from './poll-news.ts';
import { type RemoteQuoteInput, writeRemoteQuote } from './remote-quote.ts';
import { newPostPolicy, type QuotePolicy } from './quote-policy.ts';
import { setQuotePolicy } from '../../store/statuses/quotes.ts';
import { type RemotePollInput, type RemotePollWrite, writeRemotePoll } from './remote-polls.ts';
import { keptOrNull } from './versions.ts';
import { acceptedRemoteVersions, type RemoteVersionInput, sameRemoteVersions } from './remote-versions.ts';
import { replaceVersions, versionsOf } from '../../store/statuses/versions.ts';
import type { KeptVersion } from '../../store/schema/index.ts';
import { conversationNamed, nameConversation, nameOfConversation, takesPartIn } from '../../store/conversations/contexts.ts';

export interface RemoteStatusInput {
  uri: string;
  url: string | null;
  /** HTML as the remote server sent it; sanitised here */
  contentHtml: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string | null;
  /** the status it answers, already resolved to one we know (or null) */
  inReplyToId: string | null;
  /** accounts it mentions that we know (local or remote) */
  mentionedIds: string[];
  tagNames: string[];
  publishedAt: Date;
  /** its attachments, as its server describes them */
  attachments: RemoteAttachment[];
  /** its poll (a Question; null when it could not be read); undefined for a kind of post that has none */
  poll?: RemotePollInput | null | undefined;
  /** its versions in other languages (its contentMap besides the primary); checked here */
  versions?: readonly RemoteVersionInput[] | undefined;
  /** what it quotes, if anything (see remote-quote) */
  quote?: RemoteQuoteInput | null | undefined;
  /** who may quote it, as its server says (public when it says nothing) */
  quotePolicy?: QuotePolicy | undefined;
  /** the thread it says it belongs to (its `context`): another server's name for it, or one of ours by its id */
  context?: RemoteContext | null | undefined;
}

export type RemoteContext = { uri: string } | { conversationId: string };

const MAX_TAGS = 30;

/** Whether a remote edit leaves the attachments as they were (same URLs and descriptions, in order). */
const sameAttachments = (current: MediaRow[], sent: RemoteAttachment[]) =>
  current.length === sent.length && current.every((m, i) => m.remoteUrl === sent[i]!.url && (m.description ?? '') === (sent[i]!.name?.trim() ?? ''));

/** Remote text cannot be refused piecemeal: it is made well-formed (see well-formed.ts). Tag names that are not words are dropped anyway, and addresses are URLs. */
function wellFormed(input: RemoteStatusInput): RemoteStatusInput {
  return { ...input, contentHtml: wellFormedText(input.contentHtml), spoilerText: wellFormedText(input.spoilerText) };
}

type RemoteDeps = { db: Db; ids: IdGenerator; jobs: Jobs; composer: Composer; notifications: Notifications; statuses: Statuses };

/** The accounts a status mentions, of those we know (suspended ones left out). */
async function mentionedAccounts(db: Db, idList: string[]): Promise<Account[]> {
  if (idList.length === 0) return [];
  return db
    .select()
    .from(accounts)
    .where(and(inArray(accounts.id, idList), isNull(accounts.suspendedAt)));
}

const tagNamesOf = (names: string[]) => [...new Set(names.map((t) => t.replace(/^#/, '')).filter((t) => /^[\p{L}\p{N}_]+$/u.test(t)))].slice(0, MAX_TAGS);

/** What a remote status says, as the composer writes it (mentions and hashtags). */
const composedOf = (input: RemoteStatusInput, contentHtml: string, people: Account[]) => ({
  text: '',
  spoilerText: input.spoilerText,
  contentHtml,
  language: input.language,
  mentioned: people,
  tagNames: tagNamesOf(input.tagNames),
  links: linksInHtml(input.contentHtml),
});

/**
 * Writes a received status with its mentions and hashtags, counts it as a reply, notifies whom it
 * mentions and queues its fan-out; false when another delivery of its uri got there first.
 */
async function insertReceived(
  tx: Tx,
  deps: RemoteDeps,
  author: Account,
  input: RemoteStatusInput,
  parent: StatusRow | undefined,
  { id, thread }: { id: string; thread: string },
  people: Account[],
): Promise<boolean> {
  const [row] = await tx
    .insert(statuses)
    .values({
      id,
      accountId: author.id,
      local: false,
      uri: input.uri,
      url: input.url,
      contentHtml: sanitizeHtml(input.contentHtml),
      spoilerText: input.spoilerText,
      sensitive: input.sensitive || input.spoilerText.length > 0,
      visibility: input.visibility,
      quotePolicy: newPostPolicy(input.quotePolicy, input.visibility),
      language: input.language,
      inReplyToId: parent?.id ?? null,
      inReplyToAccountId: parent?.accountId ?? null,
      conversationId: thread,
      // Remote clocks are trusted for display only as far as "not in the future".
      createdAt: new Date(Math.min(input.publishedAt.getTime(), Date.now())),
    })
    .onConflictDoNothing()
    .returning({ id: statuses.id });
  if (!row) return false;
  if (input.context && 'uri' in input.context) await nameConversation(tx, input.context.uri, thread);
  await deps.composer.attach(tx, id, composedOf(input, '', people));
  await setRemoteAttachments(tx, deps, id, author.id, input.attachments);
  if (input.poll) await writeRemotePoll(tx, deps, { id, accountId: author.id }, input.poll);
  await replaceVersions(tx, id, acceptedRemoteVersions(input.language, input.versions));
  if (input.quote) await writeRemoteQuote(tx, deps.ids, { id, accountId: author.id }, input.quote);
  await deps.notifications.notify(
    tx,
    people.map((a) => ({ recipientId: a.id, fromId: author.id, type: 'mention' as const, statusId: id })),
  );
  await deps.jobs.batches.enqueue(tx, FANOUT_QUEUE, id);
  return true;
}

/** Writes an edit: the history (with the first version, if none was kept yet), the row, mentions and hashtags; tells rebloggers. */
async function writeRevision(
  tx: Tx,
  deps: RemoteDeps,
  author: Account,
  current: StatusRow,
  input: RemoteStatusInput,
  revised: { contentHtml: string; sensitive: boolean; people: Account[]; poll: RemotePollWrite; versions: { before: KeptVersion[]; after: KeptVersion[] } },
): Promise<void> {
  const { ids } = deps;
  const { contentHtml, sensitive, versions } = revised;
  const hasHistory = await tx.query.statusEdits.findFirst({ where: eq(statusEdits.statusId, current.id), columns: { id: true } });
  if (!hasHistory) {
    await tx.insert(statusEdits).values({
      id: ids(),
      statusId: current.id,
      text: '',
      contentHtml: current.contentHtml,
      spoilerText: current.spoilerText,
      sensitive: current.sensitive,
      pollOptions: revised.poll.optionsBefore,
      versions: keptOrNull(versions.before),
      createdAt: current.createdAt,
    });
  }
  await tx
    .insert(statusEdits)
    .values({ id: ids(), statusId: current.id, text: '', contentHtml, spoilerText: input.spoilerText, sensitive, pollOptions: revised.poll.optionsAfter, versions: keptOrNull(versions.after) });
  await replaceVersions(tx, current.id, versions.after);
  await tx
    .update(statuses)
    .set({ contentHtml, spoilerText: input.spoilerText, sensitive, language: input.language ?? current.language, editedAt: new Date() })
    .where(eq(statuses.id, current.id));
  await deps.composer.attach(tx, current.id, composedOf(input, contentHtml, revised.people), { replace: true });
  await setRemoteAttachments(tx, deps, current.id, author.id, input.attachments);
  const reblogs = await tx.select({ accountId: statuses.accountId }).from(statuses).where(eq(statuses.reblogOfId, current.id));
  await deps.notifications.notify(
    tx,
    reblogs.map((r) => ({ recipientId: r.accountId, fromId: author.id, type: 'update' as const, statusId: current.id })),
  );
  await deps.jobs.enqueue(tx, 'status.updated', { statusId: current.id });
}

/**
 * The thread a received status joins: its parent's; else the one its `context` names, when its
 * author already wrote or was addressed there (a name alone lets nobody into someone's thread).
 */
async function threadOf(db: Db, author: Account, parent: StatusRow | undefined, context: RemoteContext | null | undefined): Promise<string | undefined> {
  if (parent) return parent.conversationId;
  if (!context) return undefined;
  const named = 'uri' in context ? await conversationNamed(db, context.uri) : context.conversationId;
  return named && (await takesPartIn(db, named, author.id)) ? named : undefined;
}

/** An edit from the author's server: the history keeps every version, as for local edits. */
async function revise(deps: RemoteDeps, author: Account, received: RemoteStatusInput): Promise<string | null> {
  const { db } = deps;
  const input = wellFormed(received);
  const current = await db.query.statuses.findFirst({ where: eq(statuses.uri, input.uri) });
  if (!current || current.accountId !== author.id) return null;
  const contentHtml = sanitizeHtml(input.contentHtml);
  const sensitive = input.sensitive || input.spoilerText.length > 0;
  const sameText = contentHtml === current.contentHtml && input.spoilerText === current.spoilerText && sensitive === current.sensitive;
  const sameMedia = sameAttachments(await mediaOfStatuses(db, [current.id]), input.attachments);
  // An Update replaces the versions: one it no longer carries is gone.
  const versions = { before: await versionsOf(db, current.id), after: acceptedRemoteVersions(input.language ?? current.language, input.versions) };
  const sameLanguages = sameRemoteVersions(versions.before, versions.after);
  const people = await mentionedAccounts(db, input.mentionedIds);
  // Who may quote it changes without an edit (Mastodon's interaction_policy).
  const policy = newPostPolicy(input.quotePolicy, current.visibility);
  const newPolicy = input.quotePolicy !== undefined && policy !== current.quotePolicy;
  const { edited, poll } = await db.transaction(async (tx) => {
    if (newPolicy) await setQuotePolicy(tx, current.id, policy);
    // A poll's counts move without an edit (kept apart from the history); its options make one.
    const poll = await writeRemotePoll(tx, deps, current, input.poll);
    const edited = !sameText || !sameMedia || poll.changed || !sameLanguages;
    if (edited) await writeRevision(tx, deps, author, current, input, { contentHtml, sensitive, people, poll, versions });
    // Counts that moved without an edit still reach open screens (an edit's update carries them).
    else if (poll.moved) await queuePollLive(deps.jobs, tx, current.id);
    return { edited, poll };
  });
  if (edited) await deps.statuses.changes.committed({ statusIds: [current.id], postsOf: [current.accountId], viewerIds: poll.dropped });
  else if (poll.moved || newPolicy) await deps.statuses.changes.committed({ statusIds: [current.id] });
  return current.id;
}

export function createRemoteStatuses(deps: RemoteDeps) {
  const { db, ids, jobs } = deps;

  async function byUri(uri: string) {
    return db.query.statuses.findFirst({ where: eq(statuses.uri, uri) });
  }

  return {
    byUri,

    /** Where a status lives: its own uri when remote, its author's username to name a local one. */
    async addressOf(id: string): Promise<{ id: string; uri: string | null; username: string; local: boolean; accountId: string } | undefined> {
      const [row] = await db
        .select({ id: statuses.id, uri: statuses.uri, username: accounts.username, local: statuses.local, accountId: statuses.accountId })
        .from(statuses)
        .innerJoin(accounts, eq(accounts.id, statuses.accountId))
        .where(eq(statuses.id, id));
      return row;
    },

    /** The name another server gave this thread, if it came from one (what its `context` says). */
    contextOf: (conversationId: string): Promise<string | undefined> => nameOfConversation(db, conversationId),

    /** Stores a remote status once (a second delivery of the same uri returns the first's id). */
    async receive(author: Account, received: RemoteStatusInput): Promise<string> {
      const input = wellFormed(received);
      const existing = await byUri(input.uri);
      if (existing) return existing.id;
      const parent = input.inReplyToId ? await db.query.statuses.findFirst({ where: eq(statuses.id, input.inReplyToId) }) : undefined;
      const id = ids();
      const thread = (await threadOf(db, author, parent, input.context)) ?? id;
      const people = await mentionedAccounts(db, input.mentionedIds);
      const inserted = await db.transaction((tx) => insertReceived(tx, deps, author, input, parent, { id, thread }, people));
      if (inserted) jobs.batches.wake(FANOUT_QUEUE);
      if (inserted) await deps.statuses.changes.committed({ statusIds: parent ? [parent.id] : [] });
      return inserted ? id : (await byUri(input.uri))!.id;
    },

    /** An edit from the author's server: the history keeps every version, as for local edits. */
    revise: (author: Account, received: RemoteStatusInput): Promise<string | null> => revise(deps, author, received),

    /** A delete from the author's server (a status, or one of its reblogs). */
    async remove(author: Account, uri: string): Promise<boolean> {
      const current = await byUri(uri);
      if (!current || current.accountId !== author.id) return false;
      if (current.reblogOfId) {
        await deps.statuses.unreblog(author, current.reblogOfId);
        return true;
      }
      const tags = await db.execute<{ name: string }>(sql`select t.name from status_tags st join tags t on t.id = st.tag_id where st.status_id = ${current.id}`);
      await deps.statuses.changes.committed(
        await db.transaction((tx) =>
          deps.statuses.destroy(
            tx,
            current,
            tags.rows.map((r) => r.name),
          ),
        ),
      );
      return true;
    },
  };
}

export type RemoteStatuses = ReturnType<typeof createRemoteStatuses>;
