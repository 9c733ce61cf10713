// Searching posts: what the searcher wrote or interacted with (favourited, bookmarked, reblogged,
// replied to, voted in, was mentioned in), and public posts of authors who let their posts be found
// (`indexable`, off by default as in Mastodon). Every result still passes the visibility rules and
// the searcher's blocks and mutes (views.hydrate), so a private post or a direct message is only
// ever found by those who may read it.
import type { Db } from '../../store/db.ts';
import { newestMatches, rankedMatches, type StatusCondition, type StatusSearch } from '../../store/search/statuses.ts';
import { idAtTime, isId } from '../ids.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import { operatorConditions } from './operators.ts';
import type { SearchQuery } from './query.ts';
import { textMatch } from './text-match.ts';

export interface StatusSearchOptions {
  limit: number;
  offset: number;
  /** only statuses by this account (the API's `account_id`) */
  accountId?: string | undefined;
  /** only statuses with greater / smaller ids (`min_id`, `max_id`) */
  minId?: string | undefined;
  maxId?: string | undefined;
  /** the searcher's chosen languages: posts in one of them (or with a version in one); null or none: every language */
  languages?: readonly string[] | null | undefined;
}

/**
 * How many of the newest matches are ranked by relevance: each is read (and its author's flag), so
 * they are bounded. Later pages go on with older matches, newest first.
 */
export const RANKED_MATCHES = 200;

/** The windows the newest matches are looked for in, newest first: the last hour, 8 hours, ~3 days, ~3 weeks, then all. */
const WINDOW_HOURS = [1, 8, 64, 512];

/** Positions offset … offset+limit of the results: the ranked newest matches, then older ones by date. */
async function page(db: Db, search: StatusSearch, offset: number, limit: number): Promise<string[]> {
  if (!search.text || search.text.include.length === 0 || offset >= RANKED_MATCHES) return newestMatches(db, search, { offset, limit });
  const end = offset + limit;
  const wanted = Math.min(end, RANKED_MATCHES) - offset;
  const now = Date.now();
  const bounds = WINDOW_HOURS.map((h) => idAtTime(now - h * 3_600_000));
  const ranked = await rankedMatches(db, search, RANKED_MATCHES, bounds, { offset, limit: wanted });
  // Fewer matches than the ranked window holds: there are no older ones.
  if (end <= RANKED_MATCHES || ranked.length < wanted) return ranked;
  return [...ranked, ...(await newestMatches(db, search, { offset: RANKED_MATCHES, limit: end - RANKED_MATCHES }))];
}

export function createStatusSearch(deps: { db: Db; views: StatusViews; authorOf: (acct: string) => Promise<string | undefined> }) {
  const { db, views, authorOf } = deps;
  return async (viewerId: string, query: SearchQuery, options: StatusSearchOptions): Promise<StatusView[]> => {
    const conditions: StatusCondition[] = await operatorConditions(query.operators, viewerId, authorOf);
    if (options.accountId) conditions.push(isId(options.accountId) ? { kind: 'author', accountId: options.accountId, negated: false } : { kind: 'nothing' });
    // Bounds that are not ids bound nothing (Mastodon reads them as numbers).
    const [above, below] = [options.minId, options.maxId].map((id) => (isId(id) ? id : undefined));
    if (above || below) conditions.push({ kind: 'ids', above, below });
    if (options.languages?.length) conditions.push({ kind: 'languages', languages: options.languages });
    const text = textMatch(query.terms);
    const search: StatusSearch = { viewerId, scope: query.scope, text: text.include.length + text.exclude.length > 0 ? text : null, conditions };
    const ids = await page(db, search, options.offset, options.limit);
    return views.hydrate(viewerId, ids, { forLists: true });
  };
}
