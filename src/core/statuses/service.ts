// Writing statuses and acting on them: post, edit, delete, reblog, favourite, bookmark, pin, mute.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../store/db.ts';
import {
  bookmarks,
  conversationMutes,
  favourites,
  idempotencyKeys,
  statusEdits,
  statusMentions,
  statusPins,
  statuses,
  type Visibility,
} from '../../store/schema/index.ts';
import type { Jobs } from '../jobs.ts';
import type { Account, User } from '../accounts/service.ts';
import type { AccountView, AccountViews } from '../accounts/views.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';
import type { Notifications } from '../notifications/service.ts';
import { isRemote, type Outbox } from '../outbox.ts';
import { newestFirst, pageOver, paged, type Page, type Paged } from '../pagination.ts';
import { canReblog, reblogVisibility } from '../visibility.ts';
import type { Composer, StatusTag } from './compose.ts';
import { createPostWriter } from './post-writer.ts';
import type { Status, StatusView, StatusViews } from './views.ts';
import type { ViewerState } from './viewer-state.ts';
import { FANOUT_QUEUE } from '../timelines/fanout.ts';
import type { PulledAuthors } from '../timelines/pulled.ts';

export interface PostInput {
  text: string;
  visibility?: Visibility | undefined;
  spoilerText?: string | undefined;
  sensitive?: boolean | undefined;
  inReplyToId?: string | undefined;
  language?: string | null | undefined;
  /** the app the author posts with, shown on the status */
  app?: { id: string; name: string; website: string | null } | null | undefined;
  idempotencyKey?: string | undefined;
}

export interface EditInput {
  text: string;
  spoilerText?: string | undefined;
  sensitive?: boolean | undefined;
  language?: string | null | undefined;
}

export interface StatusVersion {
  contentHtml: string;
  spoilerText: string;
  sensitive: boolean;
  createdAt: Date;
  account: AccountView;
}

const MAX_PINS = 5;

/** What a committed change made stale in the shared caches of statuses and accounts. */
export interface Stale {
  statusIds: string[];
  accountIds: string[];
  /** whose own flags or relations changed (see statuses/viewer-state) */
  viewerIds?: string[];
  /** whose posts were edited or deleted (a pulled author's are kept, see timelines/pulled) */
  postsOf?: string[];
}
const IDEMPOTENCY_HOURS = 1;

/** Moves an account's status count (new statuses are counted by fan-out, see timelines/fanout). */
async function addToStatusesCount(tx: DbOrTx, accountId: string, delta: number): Promise<void> {
  await tx.execute(sql`
    insert into account_stats (account_id, statuses_count) values (${accountId}, greatest(${delta}, 0))
    on conflict (account_id) do update set statuses_count = greatest(account_stats.statuses_count + ${delta}, 0)`);
}

export function createStatuses(deps: {
  db: Db;
  ids: IdGenerator;
  jobs: Jobs;
  composer: Composer;
  views: StatusViews;
  accountViews: AccountViews;
  viewerState: ViewerState;
  notifications: Notifications;
  outbox: Outbox;
  /** who a status was delivered to (fan-out's recipients), for removing it everywhere */
  audienceOf: (statusId: string) => Promise<string[]>;
  pulled: PulledAuthors;
}) {
  const { db, ids, jobs, composer, views, accountViews, viewerState, notifications, outbox, audienceOf, pulled } = deps;
  const writer = createPostWriter({ db, jobs, outbox });

  /** The status if the viewer may see it; otherwise 404, so its existence is not revealed. */
  async function visible(viewerId: string | null, id: string): Promise<Status> {
    const row = await views.visibleRow(viewerId, id);
    if (!row) throw new NotFoundError();
    return row;
  }

  async function own(author: Account, id: string): Promise<Status> {
    if (!isId(id)) throw new NotFoundError();
    const row = await db.query.statuses.findFirst({ where: and(eq(statuses.id, id), eq(statuses.accountId, author.id)) });
    if (!row || row.reblogOfId) throw new NotFoundError();
    return row;
  }

  async function view(viewerId: string, id: string): Promise<StatusView> {
    const v = await views.one(viewerId, id);
    if (!v) throw new NotFoundError();
    return v;
  }

  /** Favourites, reblogs and bookmarks act on the original of a reblog. */
  async function original(viewerId: string, id: string): Promise<Status> {
    const s = await visible(viewerId, id);
    return s.reblogOfId ? visible(viewerId, s.reblogOfId) : s;
  }

  return {
    async post(author: Account, user: User, input: PostInput): Promise<StatusView> {
      if (input.idempotencyKey) {
        const seen = await db.query.idempotencyKeys.findFirst({
          where: and(eq(idempotencyKeys.accountId, author.id), eq(idempotencyKeys.key, input.idempotencyKey), sql`${idempotencyKeys.createdAt} > now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`),
        });
        const earlier = seen && (await views.one(author.id, seen.statusId));
        if (earlier) return earlier;
      }
      const parent = input.inReplyToId ? await visible(author.id, input.inReplyToId) : undefined;
      if (parent?.reblogOfId) throw new ValidationError({ in_reply_to_id: [{ error: 'ERR_INVALID', description: 'cannot be a reblog' }] });
      const composed = await composer.compose({ text: input.text, spoilerText: input.spoilerText, language: input.language }, { language: user.settings.defaultLanguage });
      const id = ids();
      const visibility = input.visibility ?? user.settings.defaultVisibility;

      // The new row as PostgreSQL will hold it (defaults included: the type asks for every column),
      // remembered once committed so that answering the POST and rendering it for streams read
      // nothing back. The mark comes first: any change to the status after this forgets it again.
      const mark = views.mark();
      const row: Status = {
        id,
        accountId: author.id,
        local: author.domain === null,
        uri: null,
        url: null,
        text: composed.text,
        contentHtml: composed.contentHtml,
        spoilerText: composed.spoilerText,
        sensitive: input.sensitive ?? (composed.spoilerText.length > 0 || user.settings.defaultSensitive),
        visibility,
        language: composed.language,
        inReplyToId: parent?.id ?? null,
        inReplyToAccountId: parent?.accountId ?? null,
        reblogOfId: null,
        conversationId: parent?.conversationId ?? id,
        appId: input.app?.id ?? null,
        repliesCount: 0,
        reblogsCount: 0,
        favouritesCount: 0,
        editedAt: null,
        createdAt: new Date(),
      };

      // One statement writes the status, queues its fan-out (which counts it on the author's
      // profile), links its hashtags and, if the author has followers on other servers, queues its
      // delivery there (see post-writer). A post with nothing more to write (most) is that
      // statement alone, shared with the posts made at the same moment.
      const post = { row, tags: composer.tagRows(id, composed) };
      let tags: StatusTag[];
      if (!parent && !input.idempotencyKey && composed.mentioned.length === 0) {
        // The rare completion of hashtags made by a concurrent post (see linkedTags) follows it.
        tags = await composer.linkedTags(db, id, composed, (await writer.submit(post)).tags);
      } else {
        tags = await db.transaction(async (tx) => {
          const written = await writer.inside(tx, post);
          const linked = await composer.linkedTags(tx, id, composed, written.tags);
          await composer.mention(tx, id, composed);
          if (parent) await tx.update(statuses).set({ repliesCount: sql`${statuses.repliesCount} + 1` }).where(eq(statuses.id, parent.id));
          if (input.idempotencyKey) {
            await tx
              .insert(idempotencyKeys)
              .values({ accountId: author.id, key: input.idempotencyKey, statusId: id })
              .onConflictDoUpdate({ target: [idempotencyKeys.accountId, idempotencyKeys.key], set: { statusId: id, createdAt: row.createdAt } });
          }
          await notifications.notify(tx, composed.mentioned.map((a) => ({ recipientId: a.id, fromId: author.id, type: 'mention' as const, statusId: id })));
          // Other servers hear of it also when one of their accounts is mentioned or wrote the parent.
          const remote = composed.mentioned.some((a) => a.domain !== null) || (parent !== undefined && !parent.local);
          if (remote && !written.federated) await outbox.publish(tx, { type: 'status.created', statusId: id });
          return linked;
        });
      }
      jobs.batches.wake(FANOUT_QUEUE);
      views.remember(row, mark, { mentioned: composed.mentioned.map((a) => a.id), tags, app: input.app ? { name: input.app.name, website: input.app.website } : null });
      viewerState.created(author.id, row);
      if (parent) await forget({ statusIds: [parent.id], accountIds: [] });
      return view(author.id, id);
    },

    async edit(author: Account, id: string, input: EditInput): Promise<StatusView> {
      const current = await own(author, id);
      const composed = await composer.compose({ text: input.text, spoilerText: input.spoilerText, language: input.language ?? current.language }, { language: current.language });
      // A content warning makes a status sensitive, as when posting.
      const sensitive = input.sensitive ?? (composed.spoilerText.length > 0 || current.sensitive);
      const unchanged = composed.text === current.text && composed.spoilerText === current.spoilerText && sensitive === current.sensitive;
      if (unchanged && composed.language === current.language) return view(author.id, id);
      await db.transaction(async (tx) => {
        if (!unchanged) {
          const hasHistory = await tx.query.statusEdits.findFirst({ where: eq(statusEdits.statusId, id), columns: { id: true } });
          // The first edit also keeps the original, so the history shows every version.
          if (!hasHistory) {
            await tx.insert(statusEdits).values({ id: ids(), statusId: id, text: current.text, contentHtml: current.contentHtml, spoilerText: current.spoilerText, sensitive: current.sensitive, createdAt: current.createdAt });
          }
          await tx.insert(statusEdits).values({ id: ids(), statusId: id, text: composed.text, contentHtml: composed.contentHtml, spoilerText: composed.spoilerText, sensitive });
        }
        await tx
          .update(statuses)
          .set({
            text: composed.text,
            contentHtml: composed.contentHtml,
            spoilerText: composed.spoilerText,
            sensitive,
            language: composed.language,
            ...(unchanged ? {} : { editedAt: new Date() }),
          })
          .where(eq(statuses.id, id));
        await composer.attach(tx, id, composed, { replace: true });
        if (!unchanged) {
          // Those who reblogged it are told it changed (Mastodon's "update" notification).
          const reblogs = await tx.select({ accountId: statuses.accountId }).from(statuses).where(eq(statuses.reblogOfId, id));
          await notifications.notify(tx, reblogs.map((r) => ({ recipientId: r.accountId, fromId: author.id, type: 'update' as const, statusId: id })));
          await jobs.enqueue(tx, 'status.updated', { statusId: id });
          if (await outbox.concernsRemote(tx, id)) await outbox.publish(tx, { type: 'status.updated', statusId: id });
        }
      });
      await forget({ statusIds: [id], accountIds: [], postsOf: [author.id] });
      return view(author.id, id);
    },

    /** Deletes a status and returns it as it was, with its source text for redrafting. */
    async remove(author: Account, id: string): Promise<StatusView> {
      const current = await own(author, id);
      const before = await view(author.id, id);
      await forget(await db.transaction((tx) => destroy(tx, current, before.tags.map((t) => t.name))));
      return before;
    },

    /** `uri`: the Announce's id, when a remote account reblogs. */
    async reblog(actor: Account, id: string, requested?: Visibility, remote: { uri?: string } = {}): Promise<StatusView> {
      const target = await original(actor.id, id);
      if (!canReblog(target, actor.id)) throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'This status cannot be reblogged' }] });
      const existing = await db.query.statuses.findFirst({ where: and(eq(statuses.accountId, actor.id), eq(statuses.reblogOfId, target.id)) });
      if (existing) return view(actor.id, existing.id);
      const reblogId = ids();
      await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(statuses)
          .values({
            id: reblogId,
            accountId: actor.id,
            local: actor.domain === null,
            visibility: reblogVisibility(target.visibility, requested),
            reblogOfId: target.id,
            uri: remote.uri ?? null,
            conversationId: target.conversationId,
          })
          .onConflictDoNothing()
          .returning({ id: statuses.id });
        if (inserted.length === 0) return;
        await tx.update(statuses).set({ reblogsCount: sql`${statuses.reblogsCount} + 1` }).where(eq(statuses.id, target.id));
        await notifications.notify(tx, [{ recipientId: target.accountId, fromId: actor.id, type: 'reblog', statusId: target.id }]);
        await jobs.batches.enqueue(tx, FANOUT_QUEUE, reblogId);
        if (!isRemote(actor) && (await outbox.concernsRemote(tx, reblogId))) await outbox.publish(tx, { type: 'status.created', statusId: reblogId });
      });
      jobs.batches.wake(FANOUT_QUEUE);
      await forget({ statusIds: [target.id], accountIds: [], viewerIds: [actor.id] });
      const mine = await db.query.statuses.findFirst({ where: and(eq(statuses.accountId, actor.id), eq(statuses.reblogOfId, target.id)) });
      return view(actor.id, mine!.id);
    },

    async unreblog(actor: Account, id: string): Promise<StatusView> {
      const target = await original(actor.id, id);
      const gone: string[] = [];
      await db.transaction(async (tx) => {
        const mine = await tx.query.statuses.findFirst({ where: and(eq(statuses.accountId, actor.id), eq(statuses.reblogOfId, target.id)) });
        if (!mine) return;
        await uncount(tx, [mine]);
        await enqueueRemoval(tx, mine, []);
        if (!isRemote(actor) && (await outbox.concernsRemote(tx, mine.id))) {
          await outbox.publish(tx, { type: 'status.deleted', statusId: mine.id, authorId: actor.id, visibility: mine.visibility, mentionedIds: [], reblogOfId: target.id });
        }
        const deleted = await tx.delete(statuses).where(eq(statuses.id, mine.id)).returning({ id: statuses.id });
        if (deleted.length === 0) return;
        await tx.update(statuses).set({ reblogsCount: sql`greatest(${statuses.reblogsCount} - 1, 0)` }).where(eq(statuses.id, target.id));
        gone.push(mine.id);
      });
      await forget({ statusIds: [target.id, ...gone], accountIds: [actor.id], viewerIds: [actor.id], postsOf: gone.length > 0 ? [actor.id] : [] });
      return view(actor.id, target.id);
    },

    async favourite(actor: Account, id: string): Promise<StatusView> {
      const target = await original(actor.id, id);
      await db.transaction(async (tx) => {
        const [made] = await tx.insert(favourites).values({ id: ids(), accountId: actor.id, statusId: target.id }).onConflictDoNothing().returning({ id: favourites.id });
        if (!made) return;
        await tx.update(statuses).set({ favouritesCount: sql`${statuses.favouritesCount} + 1` }).where(eq(statuses.id, target.id));
        await notifications.notify(tx, [{ recipientId: target.accountId, fromId: actor.id, type: 'favourite', statusId: target.id }]);
        if (!isRemote(actor) && !target.local) await outbox.publish(tx, { type: 'favourite', favouriteId: made.id, accountId: actor.id, statusId: target.id });
      });
      await forget({ statusIds: [target.id], accountIds: [], viewerIds: [actor.id] });
      return view(actor.id, target.id);
    },

    async unfavourite(actor: Account, id: string): Promise<StatusView> {
      const target = await original(actor.id, id);
      await db.transaction(async (tx) => {
        const [gone] = await tx.delete(favourites).where(and(eq(favourites.accountId, actor.id), eq(favourites.statusId, target.id))).returning({ id: favourites.id });
        if (!gone) return;
        await tx.update(statuses).set({ favouritesCount: sql`greatest(${statuses.favouritesCount} - 1, 0)` }).where(eq(statuses.id, target.id));
        if (!isRemote(actor) && !target.local) await outbox.publish(tx, { type: 'unfavourite', favouriteId: gone.id, accountId: actor.id, statusId: target.id });
      });
      await forget({ statusIds: [target.id], accountIds: [], viewerIds: [actor.id] });
      return view(actor.id, target.id);
    },

    async bookmark(actor: Account, id: string, on: boolean): Promise<StatusView> {
      const target = await original(actor.id, id);
      if (on) await db.insert(bookmarks).values({ id: ids(), accountId: actor.id, statusId: target.id }).onConflictDoNothing();
      else await db.delete(bookmarks).where(and(eq(bookmarks.accountId, actor.id), eq(bookmarks.statusId, target.id)));
      await viewerState.forget([actor.id]);
      return view(actor.id, target.id);
    },

    async pin(actor: Account, id: string, on: boolean): Promise<StatusView> {
      const target = await own(actor, id);
      if (on) {
        if (target.visibility === 'direct') throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'Direct messages cannot be pinned' }] });
        await db.transaction(async (tx) => {
          // Serialise pins of one account so two at once cannot both slip under the limit.
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext('pins'), hashtext(${actor.id}))`);
          const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(statusPins).where(eq(statusPins.accountId, actor.id));
          const already = await tx.query.statusPins.findFirst({ where: and(eq(statusPins.accountId, actor.id), eq(statusPins.statusId, id)) });
          if (already) return;
          if ((count?.n ?? 0) >= MAX_PINS) throw new ValidationError({ base: [{ error: 'ERR_TOO_LONG', description: `You can pin at most ${MAX_PINS} posts` }] });
          await tx.insert(statusPins).values({ id: ids(), accountId: actor.id, statusId: id });
        });
      } else {
        await db.delete(statusPins).where(and(eq(statusPins.accountId, actor.id), eq(statusPins.statusId, id)));
      }
      await viewerState.forget([actor.id]);
      return view(actor.id, id);
    },

    async muteConversation(actor: Account, id: string, on: boolean): Promise<StatusView> {
      const target = await visible(actor.id, id);
      if (on) await db.insert(conversationMutes).values({ accountId: actor.id, conversationId: target.conversationId }).onConflictDoNothing();
      else await db.delete(conversationMutes).where(and(eq(conversationMutes.accountId, actor.id), eq(conversationMutes.conversationId, target.conversationId)));
      await viewerState.forget([actor.id]);
      return view(actor.id, id);
    },

    async get(viewerId: string | null, id: string): Promise<StatusView> {
      const v = await views.one(viewerId, id);
      if (!v) throw new NotFoundError();
      return v;
    },

    /** Ancestors (oldest first) and descendants (thread order) the viewer may see. */
    async context(viewerId: string | null, id: string): Promise<{ ancestors: StatusView[]; descendants: StatusView[] }> {
      const s = await visible(viewerId, id);
      const up = await db.execute<{ id: string }>(sql`
        with recursive chain(id, in_reply_to_id, depth) as (
          select id, in_reply_to_id, 0 from statuses where id = ${s.inReplyToId ?? null}::bigint
          union all
          select p.id, p.in_reply_to_id, c.depth + 1 from statuses p join chain c on p.id = c.in_reply_to_id where c.depth < 40
        ) select id from chain order by depth desc`);
      const down = await db.execute<{ id: string }>(sql`
        with recursive tree(id, path) as (
          select id, array[id] from statuses where in_reply_to_id = ${s.id} and reblog_of_id is null
          union all
          select r.id, t.path || r.id from statuses r join tree t on r.in_reply_to_id = t.id
          where r.reblog_of_id is null and array_length(t.path, 1) < 60
        ) select id from tree order by path limit 200`);
      const [ancestors, descendants] = await Promise.all([
        views.hydrate(viewerId, up.rows.map((r) => r.id), { forLists: true }),
        views.hydrate(viewerId, down.rows.map((r) => r.id), { forLists: true }),
      ]);
      return { ancestors, descendants };
    },

    async history(viewerId: string | null, id: string): Promise<StatusVersion[]> {
      const s = await visible(viewerId, id);
      const author = (await accountViews.byIds([s.accountId])).get(s.accountId)!;
      const edits = await db.select().from(statusEdits).where(eq(statusEdits.statusId, id)).orderBy(asc(statusEdits.id));
      if (edits.length === 0) return [{ contentHtml: s.contentHtml, spoilerText: s.spoilerText, sensitive: s.sensitive, createdAt: s.createdAt, account: author }];
      return edits.map((e) => ({ contentHtml: e.contentHtml, spoilerText: e.spoilerText, sensitive: e.sensitive, createdAt: e.createdAt, account: author }));
    },

    async source(author: Account, id: string): Promise<{ id: string; text: string; spoilerText: string }> {
      const s = await own(author, id);
      return { id: s.id, text: s.text, spoilerText: s.spoilerText };
    },

    async favouritedBy(viewerId: string | null, id: string, page: Page): Promise<Paged<AccountView>> {
      const s = await visible(viewerId, id);
      const p = pageOver(favourites.id, page);
      const rows = await db
        .select({ cursor: favourites.id, accountId: favourites.accountId })
        .from(favourites)
        .where(and(eq(favourites.statusId, s.id), p.where))
        .orderBy(p.order)
        .limit(page.limit);
      return accountPage(newestFirst(rows, p.reverse));
    },

    async rebloggedBy(viewerId: string | null, id: string, page: Page): Promise<Paged<AccountView>> {
      const s = await visible(viewerId, id);
      const p = pageOver(statuses.id, page);
      const rows = await db
        .select({ cursor: statuses.id, accountId: statuses.accountId })
        .from(statuses)
        .where(and(eq(statuses.reblogOfId, s.id), inArray(statuses.visibility, ['public', 'unlisted']), p.where))
        .orderBy(p.order)
        .limit(page.limit);
      return accountPage(newestFirst(rows, p.reverse));
    },

    async pinnedIds(accountId: string): Promise<string[]> {
      const rows = await db.select({ id: statusPins.statusId }).from(statusPins).where(eq(statusPins.accountId, accountId)).orderBy(desc(statusPins.id));
      return rows.map((r) => r.id);
    },

    destroy,
    forget,

    async mentionedAccounts(statusId: string): Promise<string[]> {
      const rows = await db.select({ id: statusMentions.accountId }).from(statusMentions).where(eq(statusMentions.statusId, statusId));
      return rows.map((r) => r.id);
    },
  };

  /** Deletes a status (not a reblog) with everything that counts it, telling screens and servers. */
  async function destroy(tx: DbOrTx, current: Status, tagNames: string[]): Promise<Stale> {
    const reblogs = await tx.select({ id: statuses.id, accountId: statuses.accountId }).from(statuses).where(eq(statuses.reblogOfId, current.id));
    await uncount(tx, [current, ...reblogs]);
    await enqueueRemoval(tx, current, tagNames);
    if (current.local && (await outbox.concernsRemote(tx, current.id))) {
      const remote = await tx.execute<{ id: string }>(sql`
        select m.account_id as id from status_mentions m join accounts a on a.id = m.account_id and a.domain is not null where m.status_id = ${current.id}`);
      await outbox.publish(tx, {
        type: 'status.deleted',
        statusId: current.id,
        authorId: current.accountId,
        visibility: current.visibility,
        mentionedIds: remote.rows.map((r) => String(r.id)),
        reblogOfId: null,
      });
    }
    await tx.delete(statuses).where(eq(statuses.id, current.id));
    if (current.inReplyToId) {
      await tx.update(statuses).set({ repliesCount: sql`greatest(${statuses.repliesCount} - 1, 0)` }).where(eq(statuses.id, current.inReplyToId));
    }
    return {
      statusIds: [current.id, ...reblogs.map((r) => r.id), ...(current.inReplyToId ? [current.inReplyToId] : [])],
      accountIds: [current.accountId, ...reblogs.map((r) => r.accountId)],
      postsOf: [current.accountId, ...reblogs.map((r) => r.accountId)],
    };
  }

  /**
   * Statuses about to be deleted leave their authors' counts, if fan-out counted them already; one
   * still waiting in the fan-out queue is taken out of it instead (it was never counted).
   */
  async function uncount(tx: DbOrTx, gone: readonly { id: string; accountId: string }[]): Promise<void> {
    const waiting = new Set(await jobs.batches.cancel(tx, FANOUT_QUEUE, gone.map((s) => s.id)));
    const byAuthor = new Map<string, number>();
    for (const s of gone) if (!waiting.has(s.id)) byAuthor.set(s.accountId, (byAuthor.get(s.accountId) ?? 0) + 1);
    for (const [accountId, n] of byAuthor) await addToStatusesCount(tx, accountId, -n);
  }

  /** Empties the shared caches of what a committed change made stale (see infra/shared-cache). */
  async function forget(stale: Stale): Promise<void> {
    await Promise.all([
      views.forget(stale.statusIds),
      accountViews.forget(stale.accountIds),
      viewerState.forget(stale.viewerIds ?? []),
      stale.postsOf?.length ? pulled.postsChanged(stale.postsOf) : undefined,
    ]);
  }

  /**
   * Before a status goes, records who must see it disappear: every home feed holding it or a
   * reblog of it, its author and mentioned accounts, the followers of its author and rebloggers,
   * and the public streams if it was public.
   */
  async function enqueueRemoval(tx: DbOrTx, s: Status, tagNames: string[]): Promise<void> {
    // Whoever it was delivered to, directly or through a reblog, computed as fan-out did.
    const reblogs = await tx.select({ id: statuses.id, accountId: statuses.accountId }).from(statuses).where(eq(statuses.reblogOfId, s.id));
    const mentioned = await tx.select({ id: statusMentions.accountId }).from(statusMentions).where(eq(statusMentions.statusId, s.id));
    const holders = new Set<string>([s.accountId, ...mentioned.map((m) => m.id), ...(await audienceOf(s.id))]);
    for (const r of reblogs) for (const id of await audienceOf(r.id)) holders.add(id);
    await jobs.enqueue(tx, 'status.removed', {
      statusId: s.id,
      reblogIds: reblogs.map((r) => r.id),
      authorId: s.accountId,
      rebloggerIds: [...new Set(reblogs.map((r) => r.accountId))],
      accountIds: [...holders],
      public: s.visibility === 'public' && !s.reblogOfId,
      direct: s.visibility === 'direct',
      local: s.local,
      tags: tagNames,
    });
  }

  async function accountPage(rows: { cursor: string; accountId: string }[]): Promise<Paged<AccountView>> {
    const byId = await accountViews.byIds(rows.map((r) => r.accountId));
    const present = rows.filter((r) => byId.has(r.accountId) && !byId.get(r.accountId)!.account.suspendedAt);
    const result = paged(present, (r) => r.cursor);
    return { items: present.map((r) => byId.get(r.accountId)!), cursors: result.cursors };
  }
}

export type Statuses = ReturnType<typeof createStatuses>;
