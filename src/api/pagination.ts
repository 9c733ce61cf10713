// Pagination parameters in, Link headers out, exactly as Mastodon pages its lists.
import { isId } from '../core/ids.ts';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Page, Paged } from '../core/pagination.ts';
import { input, zInt, zString } from './params.ts';

// Written without leading zeros, as every id is: ids are then compared as text (see compareIds).
export const zId = zString.pipe(z.string().refine(isId, 'must be an id')).transform((v) => v.replace(/^0+(?=\d)/, ''));

// Made once: zod compiles a schema on first use, which cost more than the parsing on every page read.
const pageSchema = z.object({
  max_id: zId.optional(),
  since_id: zId.optional(),
  min_id: zId.optional(),
  limit: zInt.optional(),
});

export async function pageParams(c: Context, options: { defaultLimit?: number; maxLimit?: number } = {}): Promise<Page> {
  const p = await input(c, pageSchema);
  const max = options.maxLimit ?? 40;
  const limit = Math.min(Math.max(p.limit ?? options.defaultLimit ?? 20, 1), max);
  return { maxId: p.max_id, sinceId: p.since_id, minId: p.min_id, limit };
}

/** `<…?max_id=oldest>; rel="next", <…?min_id=newest>; rel="prev"`, keeping other query parameters. */
export function linkHeader(c: Context, origin: string, result: Paged<unknown>): string | undefined {
  if (!result.cursors) return undefined;
  const { oldest, newest } = result.cursors;
  const raw = c.req.url;
  const at = raw.indexOf('?');
  // The path as sent (c.req.path is percent-decoded).
  const base = `${origin}${raw.slice(raw.indexOf('/', raw.indexOf('//') + 2), at < 0 ? undefined : at)}`;
  // Most pages are read without parameters: their links need no parsing of the address.
  if (at < 0 || at === raw.length - 1) return `<${base}?max_id=${oldest}>; rel="next", <${base}?min_id=${newest}>; rel="prev"`;
  const keep = [...new URLSearchParams(raw.slice(at + 1)).entries()].filter(([k]) => !['max_id', 'min_id', 'since_id'].includes(k));
  const link = (key: string, value: string) => {
    const q = new URLSearchParams(keep);
    q.set(key, value);
    return `${base}?${q.toString()}`;
  };
  return `<${link('max_id', oldest)}>; rel="next", <${link('min_id', newest)}>; rel="prev"`;
}

/** Sets the Link header of a paged answer (see linkHeader). */
export function setLinkHeader(c: Context, origin: string, result: Paged<unknown>): void {
  const link = linkHeader(c, origin, result);
  if (link) c.header('Link', link);
}

/**
 * Pages counted by offset (trends): `next` when the page was full, `prev` when it did not start at
 * the first, keeping the other query parameters.
 */
export function offsetLinkHeader(c: Context, origin: string, page: { offset: number; limit: number; count: number }): string | undefined {
  const url = new URL(c.req.url);
  const link = (offset: number, rel: string) => {
    const q = new URLSearchParams(url.search);
    q.set('offset', String(offset));
    q.set('limit', String(page.limit));
    return `<${origin}${url.pathname}?${q.toString()}>; rel="${rel}"`;
  };
  const links = [page.count === page.limit ? link(page.offset + page.limit, 'next') : '', page.offset > 0 ? link(Math.max(0, page.offset - page.limit), 'prev') : ''];
  return links.filter(Boolean).join(', ') || undefined;
}
