// Keyset pagination as Mastodon's API does it: max_id, since_id, min_id and limit.
import { and, asc, desc, gt, lt, type AnyColumn, type SQL } from 'drizzle-orm';

export interface Page {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/** One page of results plus the cursors that page on from it (newest first). */
export interface Paged<T> {
  items: T[];
  /** cursor of the newest item (for min_id / "prev"), and of the oldest (for max_id / "next") */
  cursors: { newest: string; oldest: string } | null;
}

export function paged<T>(items: T[], cursor: (item: T) => string): Paged<T> {
  return { items, cursors: items.length > 0 ? { newest: cursor(items[0]!), oldest: cursor(items[items.length - 1]!) } : null };
}

/** Conditions and ordering for a page over an id column. With minId the rows closest above it come first. */
export function pageOver(column: AnyColumn, page: Page): { where: SQL | undefined; order: SQL; reverse: boolean } {
  const conditions: SQL[] = [];
  if (page.maxId) conditions.push(lt(column, page.maxId));
  if (page.sinceId) conditions.push(gt(column, page.sinceId));
  if (page.minId) conditions.push(gt(column, page.minId));
  return { where: conditions.length ? and(...conditions) : undefined, order: page.minId ? asc(column) : desc(column), reverse: Boolean(page.minId) };
}

/** Rows come back in query order; with minId they were ascending and must be flipped to newest first. */
export function newestFirst<T>(rows: T[], reverse: boolean): T[] {
  return reverse ? rows.reverse() : rows;
}

/** Reads a page through a store function given the window over its id column (see pageOver); the rows come back newest first. */
export async function readPage<T>(page: Page, read: (window: (column: AnyColumn) => ReturnType<typeof pageOver>) => Promise<T[]>): Promise<T[]> {
  let reverse = false;
  const rows = await read((column) => {
    const p = pageOver(column, page);
    reverse = p.reverse;
    return p;
  });
  return newestFirst(rows, reverse);
}
