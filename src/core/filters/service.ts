// A user's filters (Mastodon's v2 filters): kept here, applied to what the doors list, and
// announced to the user's open streams when they change.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { filterKeywords, filters, filterStatuses, statuses, type FilterAction, type FilterContext } from '../../store/schema/index.ts';
import { NotFoundError, Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';
import type { Live } from '../live.ts';
import type { StatusView } from '../statuses/views.ts';
import { compileFilters, plainText, type Filter, type FilterMatch } from './match.ts';

export type { Filter, FilterMatch };
export { plainText };

export const FILTER_CONTEXTS: FilterContext[] = ['home', 'notifications', 'public', 'thread', 'account'];
export const FILTER_ACTIONS: FilterAction[] = ['warn', 'hide', 'blur'];
const MAX_FILTERS = 100;
const MAX_KEYWORDS = 100;

export interface FilterInput {
  title?: string | undefined;
  contexts?: string[] | undefined;
  action?: string | undefined;
  /** seconds from now; null: never expires */
  expiresIn?: number | null | undefined;
  keywords?: { id?: string | undefined; keyword?: string | undefined; wholeWord?: boolean | undefined; destroy?: boolean | undefined }[] | undefined;
}

/** How long a process trusts the filters it read for an account (another process may change them). */
const CACHE_MS = 2000;
const CACHED_ACCOUNTS = 10_000;

export function createFilters(deps: { db: Db; ids: IdGenerator; live: Live }) {
  const { db, ids, live } = deps;
  // Every timeline request asks for the viewer's filters and nearly all have none: a short-lived
  // copy per account spares that query (changes made here drop it at once).
  const cache = new Map<string, { at: number; filters: Promise<Filter[]> }>();

  function allOf(accountId: string): Promise<Filter[]> {
    const hit = cache.get(accountId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.filters;
    if (cache.size >= CACHED_ACCOUNTS) cache.delete(cache.keys().next().value!);
    const filters = load(accountId);
    cache.set(accountId, { at: Date.now(), filters });
    filters.catch(() => cache.delete(accountId));
    return filters;
  }

  async function active(accountId: string, context: FilterContext): Promise<Filter[]> {
    const now = Date.now();
    return (await allOf(accountId)).filter((f) => f.contexts.includes(context) && (!f.expiresAt || f.expiresAt.getTime() > now));
  }

  async function load(accountId: string, only?: { id?: string }): Promise<Filter[]> {
    const wanted = await db
      .select()
      .from(filters)
      .where(and(eq(filters.accountId, accountId), only?.id ? eq(filters.id, only.id) : undefined))
      .orderBy(asc(filters.id));
    if (wanted.length === 0) return [];
    const idList = wanted.map((r) => r.id);
    const [keywords, statuses] = await Promise.all([
      db.select().from(filterKeywords).where(inArray(filterKeywords.filterId, idList)).orderBy(asc(filterKeywords.id)),
      db.select().from(filterStatuses).where(inArray(filterStatuses.filterId, idList)).orderBy(asc(filterStatuses.id)),
    ]);
    return wanted.map((r) => ({
      id: r.id,
      title: r.title,
      contexts: r.contexts,
      action: r.action,
      expiresAt: r.expiresAt,
      keywords: keywords.filter((k) => k.filterId === r.id).map((k) => ({ id: k.id, keyword: k.keyword, wholeWord: k.wholeWord })),
      statuses: statuses.filter((s) => s.filterId === r.id).map((s) => ({ id: s.id, statusId: s.statusId })),
    }));
  }

  async function one(accountId: string, id: string): Promise<Filter> {
    if (!isId(id)) throw new NotFoundError();
    const [found] = await load(accountId, { id });
    if (!found) throw new NotFoundError();
    return found;
  }

  function check(input: FilterInput, creating: boolean): void {
    const problems = new Problems();
    if (creating || input.title !== undefined) {
      if (!input.title?.trim()) problems.add('title', 'ERR_BLANK', "can't be blank");
      else if (input.title.length > 256) problems.add('title', 'ERR_TOO_LONG', 'is too long (maximum is 256 characters)');
    }
    if (creating || input.contexts !== undefined) {
      if (!input.contexts?.length) problems.add('context', 'ERR_BLANK', "can't be blank");
      for (const c of input.contexts ?? []) if (!FILTER_CONTEXTS.includes(c as FilterContext)) problems.add('context', 'ERR_INCLUSION', `${c} is not a filter context`);
    }
    if (input.action !== undefined && !FILTER_ACTIONS.includes(input.action as FilterAction)) problems.add('filter_action', 'ERR_INCLUSION', 'is not included in the list');
    if ((input.keywords?.length ?? 0) > MAX_KEYWORDS) problems.add('keywords_attributes', 'ERR_TOO_LONG', `at most ${MAX_KEYWORDS} keywords`);
    for (const k of input.keywords ?? []) {
      if (!k.destroy && (creating || !k.id || k.keyword !== undefined) && !k.keyword?.trim()) problems.add('keywords.keyword', 'ERR_BLANK', "can't be blank");
    }
    problems.throwIfAny();
  }

  const expiry = (seconds: number | null | undefined) => (seconds ? new Date(Date.now() + seconds * 1000) : null);

  /** Tells the user's open screens to reload their filters (the streaming `filters_changed` event). */
  const changed = (accountId: string) => {
    cache.delete(accountId);
    return live.filtersChanged(accountId);
  };

  return {
    list: (accountId: string) => load(accountId),
    get: one,

    async create(accountId: string, input: FilterInput): Promise<Filter> {
      check(input, true);
      const id = ids();
      await db.transaction(async (tx) => {
        const existing = await tx.select({ id: filters.id }).from(filters).where(eq(filters.accountId, accountId)).limit(MAX_FILTERS);
        if (existing.length >= MAX_FILTERS) {
          const problems = new Problems();
          problems.add('base', 'ERR_TOO_LONG', `at most ${MAX_FILTERS} filters`);
          problems.throwIfAny();
        }
        await tx
          .insert(filters)
          .values({ id, accountId, title: input.title!.trim(), contexts: input.contexts as FilterContext[], action: (input.action ?? 'warn') as FilterAction, expiresAt: expiry(input.expiresIn) });
        const keywords = (input.keywords ?? []).filter((k) => !k.destroy);
        if (keywords.length > 0) await tx.insert(filterKeywords).values(keywords.map((k) => ({ id: ids(), filterId: id, keyword: k.keyword!.trim(), wholeWord: k.wholeWord ?? true })));
      });
      await changed(accountId);
      return one(accountId, id);
    },

    async update(accountId: string, id: string, input: FilterInput): Promise<Filter> {
      const current = await one(accountId, id);
      check(input, false);
      await db.transaction(async (tx) => {
        const changes = {
          ...(input.title !== undefined ? { title: input.title.trim() } : {}),
          ...(input.contexts !== undefined ? { contexts: input.contexts as FilterContext[] } : {}),
          ...(input.action !== undefined ? { action: input.action as FilterAction } : {}),
          ...(input.expiresIn !== undefined ? { expiresAt: expiry(input.expiresIn) } : {}),
        };
        if (Object.keys(changes).length > 0) await tx.update(filters).set(changes).where(eq(filters.id, current.id));
        for (const k of input.keywords ?? []) {
          const mine = k.id ? current.keywords.find((x) => x.id === k.id) : undefined;
          if (k.id && !mine) throw new NotFoundError();
          if (mine && k.destroy) await tx.delete(filterKeywords).where(eq(filterKeywords.id, mine.id));
          else if (mine && (k.keyword !== undefined || k.wholeWord !== undefined)) {
            await tx
              .update(filterKeywords)
              .set({ ...(k.keyword !== undefined ? { keyword: k.keyword.trim() } : {}), ...(k.wholeWord !== undefined ? { wholeWord: k.wholeWord } : {}) })
              .where(eq(filterKeywords.id, mine.id));
          } else if (!mine && !k.destroy) await tx.insert(filterKeywords).values({ id: ids(), filterId: current.id, keyword: k.keyword!.trim(), wholeWord: k.wholeWord ?? true });
        }
      });
      await changed(accountId);
      return one(accountId, id);
    },

    async remove(accountId: string, id: string): Promise<void> {
      const current = await one(accountId, id);
      await db.delete(filters).where(eq(filters.id, current.id));
      await changed(accountId);
    },

    async addKeyword(accountId: string, filterId: string, keyword: string | undefined, wholeWord: boolean | undefined) {
      const f = await this.update(accountId, filterId, { keywords: [{ keyword, wholeWord }] });
      return f.keywords.at(-1)!;
    },

    /** The filter owning a keyword or a listed status of this account. */
    async ownerOf(accountId: string, kind: 'keyword' | 'status', itemId: string): Promise<Filter> {
      if (!isId(itemId)) throw new NotFoundError();
      const table = kind === 'keyword' ? filterKeywords : filterStatuses;
      const [row] = await db
        .select({ filterId: table.filterId })
        .from(table)
        .innerJoin(filters, eq(filters.id, table.filterId))
        .where(and(eq(table.id, itemId), eq(filters.accountId, accountId)));
      if (!row) throw new NotFoundError();
      return one(accountId, row.filterId);
    },

    async removeItem(accountId: string, kind: 'keyword' | 'status', itemId: string): Promise<void> {
      await this.ownerOf(accountId, kind, itemId);
      await db.delete(kind === 'keyword' ? filterKeywords : filterStatuses).where(eq(kind === 'keyword' ? filterKeywords.id : filterStatuses.id, itemId));
      await changed(accountId);
    },

    async addStatus(accountId: string, filterId: string, statusId: string): Promise<{ id: string; statusId: string }> {
      const f = await one(accountId, filterId);
      if (!isId(statusId) || !(await db.query.statuses.findFirst({ where: eq(statuses.id, statusId), columns: { id: true } }))) throw new NotFoundError();
      const [row] = await db.insert(filterStatuses).values({ id: ids(), filterId: f.id, statusId }).onConflictDoNothing().returning();
      await changed(accountId);
      return row ? { id: row.id, statusId: row.statusId } : (await one(accountId, filterId)).statuses.find((s) => s.statusId === statusId)!;
    },

    /** The viewer's active filters for a context, compiled; null when there are none (most viewers). */
    async matcherFor(viewerId: string, context: FilterContext): Promise<((statusId: string, text: string) => FilterMatch[]) | null> {
      const found = await active(viewerId, context);
      return found.length > 0 ? compileFilters(found) : null;
    },

    /**
     * Applies the viewer's filters for a context to a list: statuses under a "hide" filter leave it,
     * the others carry their matches (shown as a warning). The viewer's own posts are never filtered.
     */
    async apply(viewerId: string | null, context: FilterContext, views: StatusView[]): Promise<{ views: StatusView[]; matches: Map<string, FilterMatch[]> }> {
      const matches = new Map<string, FilterMatch[]>();
      if (!viewerId || views.length === 0) return { views, matches };
      const found = await active(viewerId, context);
      if (found.length === 0) return { views, matches };
      const match = compileFilters(found);
      const kept = views.filter((v) => {
        const target = v.reblog ?? v;
        if (target.account.account.id === viewerId) return true;
        const found = match(target.status.id, `${target.status.spoilerText}\n${plainText(target.status.contentHtml)}`);
        if (found.some((m) => m.filter.action === 'hide')) return false;
        if (found.length > 0) matches.set(v.status.id, found);
        return true;
      });
      return { views: kept, matches };
    },
  };
}

export type Filters = ReturnType<typeof createFilters>;
