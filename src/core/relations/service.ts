// Follows, follow requests, blocks and mutes between accounts, and the relationships they make.
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../store/db.ts';
import { accounts, blocks, followRequests, follows, mutes } from '../../store/schema/index.ts';
import type { Executor, Jobs } from '../jobs.ts';
import type { Account } from '../accounts/service.ts';
import type { AccountViews } from '../accounts/views.ts';
import type { ViewerState } from '../statuses/viewer-state.ts';
import { ForbiddenError, NotFoundError, Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';
import type { Live } from '../live.ts';
import type { PulledAuthors } from '../timelines/pulled.ts';
import type { Audiences } from '../timelines/audiences.ts';
import type { Notifications } from '../notifications/service.ts';
import { isRemote, type Outbox } from '../outbox.ts';
import { newestFirst, pageOver, paged, type Page, type Paged } from '../pagination.ts';

export interface Relationship {
  id: string;
  following: boolean;
  showingReblogs: boolean;
  notifying: boolean;
  languages: string[] | null;
  followedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: boolean;
  mutingNotifications: boolean;
  requested: boolean;
  requestedBy: boolean;
}

export interface FollowOptions {
  reblogs?: boolean | undefined;
  notify?: boolean | undefined;
  languages?: string[] | null | undefined;
}

/** Accounts in one relation with the viewer (a Set, or a view over what the viewer state keeps). */
export interface AccountSet {
  has(accountId: string): boolean;
}

/** The viewer's relations to a set of authors, for visibility and list filtering. */
export interface ViewerContext {
  viewerId: string | null;
  follows: AccountSet;
  blocking: AccountSet;
  blockedBy: AccountSet;
  muting: AccountSet;
}

export const NO_VIEWER: ViewerContext = { viewerId: null, follows: new Set(), blocking: new Set(), blockedBy: new Set(), muting: new Set() };

const activeMute = or(isNull(mutes.expiresAt), gt(mutes.expiresAt, sql`now()`));

async function bumpCounts(tx: Executor, followerId: string, targetId: string, delta: 1 | -1): Promise<void> {
  await tx.execute(sql`
    insert into account_stats (account_id, following_count) values (${followerId}, greatest(${delta}, 0))
    on conflict (account_id) do update set following_count = greatest(account_stats.following_count + ${delta}, 0)`);
  // Remote followers are counted apart too, so posting can tell in one row read whether any other
  // server must hear of a post (scanning a large account's followers for one would not do).
  await tx.execute(sql`
    with f as (select domain is not null as remote from accounts where id = ${followerId})
    insert into account_stats (account_id, followers_count, remote_followers_count)
    select ${targetId}, greatest(${delta}, 0), case when f.remote then greatest(${delta}, 0) else 0 end from f
    on conflict (account_id) do update set
      followers_count = greatest(account_stats.followers_count + ${delta}, 0),
      remote_followers_count = greatest(account_stats.remote_followers_count + case when (select remote from f) then ${delta} else 0 end, 0)`);
}

export function createRelations(deps: { db: Db; ids: IdGenerator; jobs: Jobs; notifications: Notifications; outbox: Outbox; live: Live; accountViews: AccountViews; viewerState: ViewerState; pulled: PulledAuthors; audiences: Audiences }) {
  const { db, ids, jobs, notifications, outbox, live, accountViews, viewerState, pulled, audiences } = deps;

  /**
   * After a committed change between two accounts: their follower counts may have moved, what each
   * sees of the other's posts too, their open streams are told, and the new relationship returned.
   */
  async function changed(actorId: string, otherId: string): Promise<Relationship> {
    const both = [actorId, otherId];
    await Promise.all([accountViews.forget(both), viewerState.forget(both), pulled.forget(both), audiences.forget(both), live.relationsChanged(both)]);
    return relationship(actorId, otherId);
  }

  async function target(id: string): Promise<Account> {
    if (!isId(id)) throw new NotFoundError();
    const found = await db.query.accounts.findFirst({ where: eq(accounts.id, id) });
    if (!found || found.suspendedAt) throw new NotFoundError();
    return found;
  }

  /** Removes a follow (if any) with its counts; returns it. */
  async function dropFollow(tx: DbOrTx, followerId: string, targetId: string): Promise<{ id: string; uri: string | null } | undefined> {
    const [gone] = await tx
      .delete(follows)
      .where(and(eq(follows.accountId, followerId), eq(follows.targetAccountId, targetId)))
      .returning({ id: follows.id, uri: follows.uri });
    if (gone) {
      await bumpCounts(tx, followerId, targetId, -1);
      // The follower's home feed forgets the unfollowed account's posts, and its lists the account.
      await jobs.enqueue(tx, 'feed.unmerge', { accountId: followerId, authorId: targetId });
      await tx.execute(sql`delete from list_accounts la using lists l where l.id = la.list_id and l.account_id = ${followerId} and la.account_id = ${targetId}`);
    }
    return gone;
  }

  /** Withdraws a follow or a pending request; a local account tells the remote server it left. */
  async function leave(tx: DbOrTx, follower: Account, followed: Account): Promise<void> {
    const gone = await dropFollow(tx, follower.id, followed.id);
    const [request] = await tx
      .delete(followRequests)
      .where(and(eq(followRequests.accountId, follower.id), eq(followRequests.targetAccountId, followed.id)))
      .returning({ id: followRequests.id, uri: followRequests.uri });
    const was = gone ?? request;
    if (was && isRemote(followed) && !isRemote(follower)) {
      await outbox.publish(tx, { type: 'unfollow', accountId: follower.id, targetId: followed.id, followId: was.id, uri: was.uri });
    }
  }

  /** Ends a remote account's follow of (or request to) a local one, telling its server (Reject). */
  async function turnAway(tx: DbOrTx, followed: Account, follower: Account): Promise<void> {
    const gone = await dropFollow(tx, follower.id, followed.id);
    const [request] = await tx
      .delete(followRequests)
      .where(and(eq(followRequests.accountId, follower.id), eq(followRequests.targetAccountId, followed.id)))
      .returning({ uri: followRequests.uri });
    if ((gone || request) && isRemote(follower) && !isRemote(followed)) {
      await outbox.publish(tx, { type: 'follow.rejected', accountId: follower.id, targetId: followed.id, uri: gone?.uri ?? request?.uri ?? null });
    }
  }

  async function relationships(viewerId: string, targetIds: string[]): Promise<Relationship[]> {
    const ids_ = [...new Set(targetIds.filter((id) => isId(id)))];
    if (ids_.length === 0) return [];
    // One statement, so one snapshot: read as parallel queries, a follow accepted meanwhile could
    // show as both followed and still requested.
    const list = `{${ids_.join(',')}}`;
    const result = await db.execute<{ kind: string; id: string; show_reblogs: boolean | null; notify: boolean | null; languages: string[] | null; hide_notifications: boolean | null }>(sql`
      select 'f' as kind, target_account_id as id, show_reblogs, notify, languages, null::boolean as hide_notifications from follows where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
      union all select 'fb', account_id, null, null, null, null from follows where target_account_id = ${viewerId} and account_id = any(${list}::bigint[])
      union all select 'r', target_account_id, null, null, null, null from follow_requests where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
      union all select 'rb', account_id, null, null, null, null from follow_requests where target_account_id = ${viewerId} and account_id = any(${list}::bigint[])
      union all select 'b', target_account_id, null, null, null, null from blocks where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
      union all select 'bb', account_id, null, null, null, null from blocks where target_account_id = ${viewerId} and account_id = any(${list}::bigint[])
      union all select 'm', target_account_id, null, null, null, hide_notifications from mutes where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
        and (expires_at is null or expires_at > now())`);
    const of = (kind: string) => result.rows.filter((r) => r.kind === kind);
    const has = (kind: string) => new Set(of(kind).map((r) => String(r.id)));
    const following = new Map(of('f').map((r) => [String(r.id), { showReblogs: Boolean(r.show_reblogs), notify: Boolean(r.notify), languages: r.languages }]));
    const muting = new Map(of('m').map((r) => [String(r.id), { hideNotifications: Boolean(r.hide_notifications) }]));
    const [followedBy, requested, requestedBy, blocking, blockedBy] = [has('fb'), has('r'), has('rb'), has('b'), has('bb')];
    return targetIds
      .filter((id) => isId(id))
      .map((id) => {
        const f = following.get(id);
        const m = muting.get(id);
        return {
          id,
          following: Boolean(f),
          showingReblogs: f?.showReblogs ?? false,
          notifying: f?.notify ?? false,
          languages: f?.languages ?? null,
          followedBy: followedBy.has(id),
          blocking: blocking.has(id),
          blockedBy: blockedBy.has(id),
          muting: Boolean(m),
          mutingNotifications: m?.hideNotifications ?? false,
          requested: requested.has(id),
          requestedBy: requestedBy.has(id),
        };
      });
  }

  async function relationship(viewerId: string, targetId: string): Promise<Relationship> {
    return (await relationships(viewerId, [targetId]))[0]!;
  }

  function validateLanguages(languages: string[] | null | undefined): void {
    const problems = new Problems();
    for (const l of languages ?? []) if (!/^[a-z]{2,3}$/.test(l)) problems.add('languages', 'ERR_INVALID', `${l} is not a language code`);
    problems.throwIfAny();
  }

  async function accountList(
    table: typeof follows | typeof followRequests | typeof blocks | typeof mutes,
    by: 'account' | 'target',
    accountId: string,
    page: Page,
  ): Promise<Paged<{ cursor: string; account: Account }>> {
    const p = pageOver(table.id, page);
    const [mine, theirs] = by === 'account' ? [table.accountId, table.targetAccountId] : [table.targetAccountId, table.accountId];
    const extra = table === mutes ? activeMute : undefined;
    const rows = await db
      .select({ cursor: table.id, account: accounts })
      .from(table)
      .innerJoin(accounts, eq(accounts.id, theirs))
      .where(and(eq(mine, accountId), p.where, isNull(accounts.suspendedAt), extra))
      .orderBy(p.order)
      .limit(page.limit);
    return paged(newestFirst(rows, p.reverse), (r) => r.cursor);
  }

  return {
    relationships,
    relationship,

    /**
     * Follows, or asks to when the target is locked. Following a remote account is always a request
     * until its server accepts; a remote actor's follow carries its activity id (`uri`), and one
     * accepted at once is answered (Accept) through the outbox.
     */
    async follow(actor: Account, targetId: string, options: FollowOptions = {}, remote: { uri?: string } = {}): Promise<Relationship> {
      const other = await target(targetId);
      if (other.id === actor.id) throw new ForbiddenError('You cannot follow yourself');
      validateLanguages(options.languages);
      const rel = await relationship(actor.id, other.id);
      if (rel.blocking || rel.blockedBy) throw new ForbiddenError('This action is not allowed');
      const values = {
        showReblogs: options.reblogs ?? true,
        notify: options.notify ?? false,
        languages: options.languages && options.languages.length > 0 ? options.languages : null,
        uri: remote.uri ?? null,
      };
      await db.transaction(async (tx) => {
        if (rel.following) {
          // Following again changes the options, as Mastodon does.
          const changes: Partial<typeof values> = {};
          if (options.reblogs !== undefined) changes.showReblogs = options.reblogs;
          if (options.notify !== undefined) changes.notify = options.notify;
          if (options.languages !== undefined) changes.languages = values.languages;
          if (remote.uri) changes.uri = remote.uri;
          if (Object.keys(changes).length > 0)
            await tx.update(follows).set(changes).where(and(eq(follows.accountId, actor.id), eq(follows.targetAccountId, other.id)));
          // A remote server asking again (it lost our Accept) is answered again.
          if (isRemote(actor)) await outbox.publish(tx, { type: 'follow.accepted', accountId: actor.id, targetId: other.id, uri: values.uri });
          return;
        }
        if (other.locked || isRemote(other)) {
          const requestId = ids();
          const inserted = await tx
            .insert(followRequests)
            .values({ id: requestId, accountId: actor.id, targetAccountId: other.id, ...values })
            .onConflictDoUpdate({ target: [followRequests.accountId, followRequests.targetAccountId], set: { uri: sql`coalesce(excluded.uri, ${followRequests.uri})` } })
            .returning({ id: followRequests.id, fresh: sql<boolean>`(xmax = 0)` });
          const row = inserted[0]!;
          if (row.fresh) await notifications.notify(tx, [{ recipientId: other.id, fromId: actor.id, type: 'follow_request' }]);
          if (isRemote(other) && row.fresh) await outbox.publish(tx, { type: 'follow', accountId: actor.id, targetId: other.id, followId: row.id, uri: null });
          return;
        }
        const followId = ids();
        const inserted = await tx
          .insert(follows)
          .values({ id: followId, accountId: actor.id, targetAccountId: other.id, ...values })
          .onConflictDoNothing()
          .returning({ id: follows.id });
        if (inserted.length === 0) return;
        await bumpCounts(tx, actor.id, other.id, 1);
        await notifications.notify(tx, [{ recipientId: other.id, fromId: actor.id, type: 'follow' }]);
        await jobs.enqueue(tx, 'feed.merge', { accountId: actor.id, authorId: other.id });
        if (isRemote(actor)) await outbox.publish(tx, { type: 'follow.accepted', accountId: actor.id, targetId: other.id, uri: values.uri });
      });
      return changed(actor.id, other.id);
    },

    async unfollow(actor: Account, targetId: string): Promise<Relationship> {
      const other = await target(targetId);
      await db.transaction((tx) => leave(tx, actor, other));
      return changed(actor.id, other.id);
    },

    async removeFromFollowers(actor: Account, followerId: string): Promise<Relationship> {
      const other = await target(followerId);
      await db.transaction((tx) => turnAway(tx, actor, other));
      return changed(actor.id, other.id);
    },

    async authorizeRequest(actor: Account, requesterId: string): Promise<Relationship> {
      const other = await target(requesterId);
      await db.transaction(async (tx) => {
        const [request] = await tx
          .delete(followRequests)
          .where(and(eq(followRequests.accountId, other.id), eq(followRequests.targetAccountId, actor.id)))
          .returning();
        if (!request) throw new NotFoundError();
        const inserted = await tx
          .insert(follows)
          // The request's id is kept: the Follow activity a local account sent is named after it.
          .values({ ...request, createdAt: new Date() })
          .onConflictDoNothing()
          .returning({ id: follows.id });
        if (inserted.length > 0) {
          await bumpCounts(tx, other.id, actor.id, 1);
          await jobs.enqueue(tx, 'feed.merge', { accountId: other.id, authorId: actor.id });
        }
        if (isRemote(other) && !isRemote(actor)) await outbox.publish(tx, { type: 'follow.accepted', accountId: other.id, targetId: actor.id, uri: request.uri });
      });
      return changed(actor.id, other.id);
    },

    /** Turns a request down; a remote server rejecting a local account's follow also ends an accepted one. */
    async rejectRequest(actor: Account, requesterId: string): Promise<Relationship> {
      const other = await target(requesterId);
      await db.transaction(async (tx) => {
        if (isRemote(actor)) {
          await dropFollow(tx, other.id, actor.id);
          await tx.delete(followRequests).where(and(eq(followRequests.accountId, other.id), eq(followRequests.targetAccountId, actor.id)));
          return;
        }
        const pending = await tx.query.followRequests.findFirst({ where: and(eq(followRequests.accountId, other.id), eq(followRequests.targetAccountId, actor.id)) });
        if (!pending) throw new NotFoundError();
        await turnAway(tx, actor, other);
      });
      return changed(actor.id, other.id);
    },

    /** Blocking ends follows and requests both ways. */
    async block(actor: Account, targetId: string): Promise<Relationship> {
      const other = await target(targetId);
      if (other.id === actor.id) throw new ForbiddenError('You cannot block yourself');
      await db.transaction(async (tx) => {
        const [made] = await tx.insert(blocks).values({ id: ids(), accountId: actor.id, targetAccountId: other.id }).onConflictDoNothing().returning({ id: blocks.id });
        await dropFollow(tx, actor.id, other.id);
        await dropFollow(tx, other.id, actor.id);
        await tx
          .delete(followRequests)
          .where(
            or(
              and(eq(followRequests.accountId, actor.id), eq(followRequests.targetAccountId, other.id)),
              and(eq(followRequests.accountId, other.id), eq(followRequests.targetAccountId, actor.id)),
            ),
          );
        if (made && isRemote(other) && !isRemote(actor)) await outbox.publish(tx, { type: 'block', blockId: made.id, accountId: actor.id, targetId: other.id });
      });
      return changed(actor.id, other.id);
    },

    async unblock(actor: Account, targetId: string): Promise<Relationship> {
      const other = await target(targetId);
      await db.transaction(async (tx) => {
        const [gone] = await tx.delete(blocks).where(and(eq(blocks.accountId, actor.id), eq(blocks.targetAccountId, other.id))).returning({ id: blocks.id });
        if (gone && isRemote(other) && !isRemote(actor)) await outbox.publish(tx, { type: 'unblock', blockId: gone.id, accountId: actor.id, targetId: other.id });
      });
      return changed(actor.id, other.id);
    },

    async mute(actor: Account, targetId: string, options: { notifications?: boolean | undefined; durationSeconds?: number | undefined }): Promise<Relationship> {
      const other = await target(targetId);
      if (other.id === actor.id) throw new ForbiddenError('You cannot mute yourself');
      const expiresAt = options.durationSeconds && options.durationSeconds > 0 ? new Date(Date.now() + options.durationSeconds * 1000) : null;
      const hideNotifications = options.notifications ?? true;
      await db
        .insert(mutes)
        .values({ id: ids(), accountId: actor.id, targetAccountId: other.id, hideNotifications, expiresAt })
        .onConflictDoUpdate({ target: [mutes.accountId, mutes.targetAccountId], set: { hideNotifications, expiresAt } });
      return changed(actor.id, other.id);
    },

    async unmute(actor: Account, targetId: string): Promise<Relationship> {
      const other = await target(targetId);
      await db.delete(mutes).where(and(eq(mutes.accountId, actor.id), eq(mutes.targetAccountId, other.id)));
      return changed(actor.id, other.id);
    },

    /**
     * An account's followers or followings as a viewer may see them, newest follow first: an
     * account that hides its collections shows them to itself only (others get an empty list).
     */
    async collection(which: 'followers' | 'following', viewerId: string | null, accountId: string, page: Page): Promise<Paged<{ cursor: string; account: Account }>> {
      const owner = await target(accountId);
      if (owner.hideCollections && viewerId !== owner.id) return { items: [], cursors: null };
      return accountList(follows, which === 'followers' ? 'target' : 'account', owner.id, page);
    },
    followRequests: (accountId: string, page: Page) => accountList(followRequests, 'target', accountId, page),
    blocked: (accountId: string, page: Page) => accountList(blocks, 'account', accountId, page),
    muted: (accountId: string, page: Page) => accountList(mutes, 'account', accountId, page),

    async pendingRequestCount(accountId: string): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(followRequests).where(eq(followRequests.targetAccountId, accountId));
      return row?.n ?? 0;
    },

    /** Everyone whose posts this viewer must not be shown live: blocked, blocking, muted. */
    /** Accounts the viewer blocks, is blocked by, or mutes; and when a timed mute next ends (the set then changes by itself). */
    async hiddenAccounts(viewerId: string): Promise<{ ids: Set<string>; changesAt: Date | null }> {
      const result = await db.execute<{ id: string; expires_at: Date | string | null }>(sql`
        select target_account_id as id, null::timestamptz as expires_at from blocks where account_id = ${viewerId}
        union all select account_id, null from blocks where target_account_id = ${viewerId}
        union all select target_account_id, expires_at from mutes where account_id = ${viewerId} and (expires_at is null or expires_at > now())`);
      const ends = result.rows.flatMap((r) => (r.expires_at ? [new Date(r.expires_at).getTime()] : []));
      return { ids: new Set(result.rows.map((r) => String(r.id))), changesAt: ends.length > 0 ? new Date(Math.min(...ends)) : null };
    },

    /** The viewer's relations with these authors, in one round trip (it runs for every page of statuses). */
    async viewerContext(viewerId: string | null, authorIds: string[]): Promise<ViewerContext> {
      const authors = [...new Set(authorIds)].filter((id) => isId(id));
      if (!viewerId || authors.length === 0) return { ...NO_VIEWER, viewerId };
      const list = `{${authors.join(',')}}`;
      const result = await db.execute<{ kind: string; id: string }>(sql`
        select 'f' as kind, target_account_id as id from follows where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
        union all
        select 'b', target_account_id from blocks where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
        union all
        select 'bb', account_id from blocks where target_account_id = ${viewerId} and account_id = any(${list}::bigint[])
        union all
        select 'm', target_account_id from mutes where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
          and (expires_at is null or expires_at > now())`);
      const into: Record<string, Set<string>> = { f: new Set(), b: new Set(), bb: new Set(), m: new Set() };
      for (const row of result.rows) into[row.kind]!.add(String(row.id));
      return { viewerId, follows: into.f!, blocking: into.b!, blockedBy: into.bb!, muting: into.m! };
    },
  };
}

export type Relations = ReturnType<typeof createRelations>;
