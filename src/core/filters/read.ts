// Reading an account's filters, one of them, and the filter holding a keyword or listed status.
import type { Db } from '../../store/db.ts';
import { filterRows } from '../../store/filters/filters.ts';
import { filterOfItem, type FilterItemKind } from '../../store/filters/items.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import type { Filter } from './match.ts';

/** The account's filters (or the one of id `only.id`), each with its keywords and listed statuses. */
export async function loadFilters(db: Db, accountId: string, only?: { id?: string }): Promise<Filter[]> {
  const { filters, keywords, statuses } = await filterRows(db, accountId, only?.id);
  return filters.map((r) => ({
    id: r.id,
    title: r.title,
    contexts: r.contexts,
    action: r.action,
    expiresAt: r.expiresAt,
    keywords: keywords.filter((k) => k.filterId === r.id).map((k) => ({ id: k.id, keyword: k.keyword, wholeWord: k.wholeWord })),
    statuses: statuses.filter((s) => s.filterId === r.id).map((s) => ({ id: s.id, statusId: s.statusId })),
  }));
}

/** The account's filter of this id; not found for anyone else's. */
export async function oneFilter(db: Db, accountId: string, id: string): Promise<Filter> {
  if (!isId(id)) throw new NotFoundError();
  const [found] = await loadFilters(db, accountId, { id });
  if (!found) throw new NotFoundError();
  return found;
}

/** The filter owning a keyword or a listed status of this account. */
export async function ownerOf(db: Db, accountId: string, kind: FilterItemKind, itemId: string): Promise<Filter> {
  if (!isId(itemId)) throw new NotFoundError();
  const filterId = await filterOfItem(db, accountId, kind, itemId);
  if (!filterId) throw new NotFoundError();
  return oneFilter(db, accountId, filterId);
}

export function createFilterReads(db: Db) {
  return {
    list: (accountId: string): Promise<Filter[]> => loadFilters(db, accountId),
    get: (accountId: string, id: string): Promise<Filter> => oneFilter(db, accountId, id),
    ownerOf: (accountId: string, kind: FilterItemKind, itemId: string): Promise<Filter> => ownerOf(db, accountId, kind, itemId),
  };
}
