// Lists (Mastodon's): an account's named groups of accounts it follows, each read as its own
// timeline. Members must be followed; unfollowing removes them (relations service).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { namedStatement, type Db } from '../../store/db.ts';
import { follows, listAccounts, lists, type ListRow, type RepliesPolicy } from '../../store/schema/index.ts';
import { NotFoundError, Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';
import type { Live } from '../live.ts';
import type { PulledAuthors } from '../timelines/pulled.ts';
import type { Audiences } from '../timelines/audiences.ts';
import { newestFirst, pageOver, paged, type Page, type Paged } from '../pagination.ts';

export type List = ListRow;

export const REPLIES_POLICIES: RepliesPolicy[] = ['followed', 'list', 'none'];
const MAX_LISTS = 100;
const MAX_TITLE = 256;

export interface ListInput {
  title?: string | undefined;
  repliesPolicy?: string | undefined;
  exclusive?: boolean | undefined;
}

export function createLists(deps: { db: Db; ids: IdGenerator; live: Live; pulled: PulledAuthors; audiences: Audiences }) {
  const { db, ids, live, pulled, audiences } = deps;

  /**
   * After a committed change to the owner's lists: its open streams and what its home pulls are
   * told; members who entered or left an exclusive list push to the owner, or stop, from now on.
   */
  async function changed(ownerId: string, exclusiveMembers: readonly string[] = []): Promise<void> {
    await Promise.all([live.relationsChanged([ownerId]), pulled.forget([ownerId]), audiences.forget(exclusiveMembers)]);
  }

  const memberIdsOf = async (listId: string): Promise<string[]> => (await db.select({ id: listAccounts.accountId }).from(listAccounts).where(eq(listAccounts.listId, listId))).map((r) => r.id);

  async function own(ownerId: string, id: string): Promise<List> {
    if (!isId(id)) throw new NotFoundError();
    const found = await db.query.lists.findFirst({ where: and(eq(lists.id, id), eq(lists.accountId, ownerId)) });
    if (!found) throw new NotFoundError();
    return found;
  }

  // A list with its members, in one statement compiled once: what a list stream reads when it
  // opens and whenever the owner's relations change (its timeline reads them inside its page's
  // statement, see timelines/service).
  const withMembersQuery = namedStatement<{ id: string; account_id: string; title: string; replies_policy: RepliesPolicy; exclusive: boolean; created_at: Date; members: string[] }>(
    'list_with_members',
    sql`select l.id::text as id, l.account_id::text as account_id, l.title, l.replies_policy, l.exclusive, l.created_at,
          array(select la.account_id::text from list_accounts la where la.list_id = l.id) as members
        from lists l where l.id = ${sql.placeholder('id')}::bigint and l.account_id = ${sql.placeholder('owner')}::bigint`,
  );

  function check(input: ListInput, creating: boolean): Problems {
    const problems = new Problems();
    if (creating || input.title !== undefined) {
      if (!input.title?.trim()) problems.add('title', 'ERR_BLANK', "can't be blank");
      else if (input.title.length > MAX_TITLE) problems.add('title', 'ERR_TOO_LONG', `is too long (maximum is ${MAX_TITLE} characters)`);
    }
    if (input.repliesPolicy !== undefined && !REPLIES_POLICIES.includes(input.repliesPolicy as RepliesPolicy)) {
      problems.add('replies_policy', 'ERR_INCLUSION', `must be one of ${REPLIES_POLICIES.join(', ')}`);
    }
    return problems;
  }

  return {
    get: own,

    async all(ownerId: string): Promise<List[]> {
      return db.select().from(lists).where(eq(lists.accountId, ownerId)).orderBy(lists.id);
    },

    async create(ownerId: string, input: ListInput): Promise<List> {
      const problems = check(input, true);
      const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from lists where account_id = ${ownerId}`)).rows as [{ n: number }];
      if (n >= MAX_LISTS) problems.add('base', 'ERR_INVALID', `cannot have more than ${MAX_LISTS} lists`);
      problems.throwIfAny();
      const [made] = await db
        .insert(lists)
        .values({ id: ids(), accountId: ownerId, title: input.title!.trim(), repliesPolicy: (input.repliesPolicy as RepliesPolicy | undefined) ?? 'list', exclusive: input.exclusive ?? false })
        .returning();
      return made!;
    },

    async update(ownerId: string, id: string, input: ListInput): Promise<List> {
      const list = await own(ownerId, id);
      check(input, false).throwIfAny();
      const changes: Partial<List> = {};
      if (input.title !== undefined) changes.title = input.title.trim();
      if (input.repliesPolicy !== undefined) changes.repliesPolicy = input.repliesPolicy as RepliesPolicy;
      if (input.exclusive !== undefined) changes.exclusive = input.exclusive;
      if (Object.keys(changes).length === 0) return list;
      const [updated] = await db.update(lists).set(changes).where(eq(lists.id, list.id)).returning();
      // Becoming exclusive (or not) changes what the owner's open home streams listen to, a new
      // replies policy what their list streams show.
      const exclusiveChanged = changes.exclusive !== undefined && changes.exclusive !== list.exclusive;
      if (exclusiveChanged || (changes.repliesPolicy !== undefined && changes.repliesPolicy !== list.repliesPolicy)) {
        await changed(ownerId, exclusiveChanged ? await memberIdsOf(list.id) : []);
      }
      return updated!;
    },

    async remove(ownerId: string, id: string): Promise<void> {
      const list = await own(ownerId, id);
      const members = list.exclusive ? await memberIdsOf(list.id) : [];
      await db.delete(lists).where(eq(lists.id, list.id));
      await changed(ownerId, members);
    },

    /** The owner's list and its members' ids, for its stream. */
    async withMembers(ownerId: string, id: string): Promise<{ list: List; members: string[] }> {
      if (!isId(id)) throw new NotFoundError();
      const [row] = (await withMembersQuery(db, { id, owner: ownerId })).rows;
      if (!row) throw new NotFoundError();
      const list: List = { id: row.id, accountId: row.account_id, title: row.title, repliesPolicy: row.replies_policy, exclusive: row.exclusive, createdAt: row.created_at };
      return { list, members: row.members };
    },

    /** Members, newest added first; a limit of 0 means all of them (as Mastodon). */
    async members(ownerId: string, id: string, page: Page): Promise<Paged<{ cursor: string; accountId: string }>> {
      const list = await own(ownerId, id);
      const p = pageOver(listAccounts.id, page);
      const query = db
        .select({ cursor: listAccounts.id, accountId: listAccounts.accountId })
        .from(listAccounts)
        .where(and(eq(listAccounts.listId, list.id), p.where))
        .orderBy(p.order);
      return paged(newestFirst(page.limit > 0 ? await query.limit(page.limit) : await query, p.reverse), (r) => r.cursor);
    },

    async addMembers(ownerId: string, id: string, accountIds: string[]): Promise<void> {
      const list = await own(ownerId, id);
      const wanted = [...new Set(accountIds)];
      const problems = new Problems();
      if (wanted.length === 0) problems.add('account_ids', 'ERR_BLANK', "can't be blank");
      const valid = wanted.filter((a) => isId(a));
      const followed = valid.length
        ? new Set(
            (
              await db
                .select({ id: follows.targetAccountId })
                .from(follows)
                .where(and(eq(follows.accountId, ownerId), inArray(follows.targetAccountId, valid)))
            ).map((r) => r.id),
          )
        : new Set<string>();
      // Mastodon only lets you list accounts you follow.
      if (wanted.some((a) => !followed.has(a))) problems.add('account_ids', 'ERR_INVALID', 'must be accounts you follow');
      problems.throwIfAny();
      await db
        .insert(listAccounts)
        .values(wanted.map((accountId) => ({ id: ids(), listId: list.id, accountId })))
        .onConflictDoNothing();
      await changed(ownerId, list.exclusive ? wanted : []);
    },

    async removeMembers(ownerId: string, id: string, accountIds: string[]): Promise<void> {
      const list = await own(ownerId, id);
      const valid = accountIds.filter((a) => isId(a));
      if (valid.length > 0) await db.delete(listAccounts).where(and(eq(listAccounts.listId, list.id), inArray(listAccounts.accountId, valid)));
      await changed(ownerId, list.exclusive ? valid : []);
    },

    /** The owner's lists that hold this account. */
    async containing(ownerId: string, accountId: string): Promise<List[]> {
      if (!isId(accountId)) throw new NotFoundError();
      return db
        .select({ list: lists })
        .from(lists)
        .innerJoin(listAccounts, eq(listAccounts.listId, lists.id))
        .where(and(eq(lists.accountId, ownerId), eq(listAccounts.accountId, accountId)))
        .orderBy(desc(lists.id))
        .then((rows) => rows.map((r) => r.list));
    },
  };
}

export type Lists = ReturnType<typeof createLists>;
