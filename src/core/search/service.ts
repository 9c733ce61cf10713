// Search: accounts, hashtags and posts for one query (GET /api/v2/search), each by its own module;
// which of them a query searches follows Mastodon.
import type { Db } from '../../store/db.ts';
import { indexStatuses } from '../../store/search/status-index.ts';
import type { Account } from '../accounts/types.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import { type AccountSearchOptions, createAccountSearch } from './accounts.ts';
import { isEmptyQuery, parseSearchQuery, type SearchQuery } from './query.ts';
import { createStatusSearch, type StatusSearchOptions } from './statuses.ts';
import { createTagSearch, type TagMatch } from './tags.ts';

export type SearchKind = 'accounts' | 'hashtags' | 'statuses';

export interface SearchOptions extends Omit<StatusSearchOptions, 'limit' | 'offset'> {
  /** one kind only; all three without it */
  type?: SearchKind | undefined;
  limit: number;
  offset: number;
  /** accounts: only those the searcher follows */
  following?: boolean | undefined;
}

export interface SearchResults {
  accounts: Account[];
  hashtags: TagMatch[];
  statuses: StatusView[];
}

/**
 * Which kinds a query searches: a lone `#tag` or handle is not looked for in posts, a query with
 * `@` and a space names no account, one with `@` no hashtag (as Mastodon); a query with operators
 * is about posts only; posts are only searched for someone signed in.
 */
export function searchedKinds(q: string, query: SearchQuery, type: SearchKind | undefined, signedIn: boolean): Set<SearchKind> {
  const kinds = new Set<SearchKind>();
  const wants = (kind: SearchKind) => type === undefined || type === kind;
  const operators = query.operators.length > 0 || query.scope !== 'all';
  const loneName = /^#\S+$/.test(q) || /^@?[^\s@:]+@[^\s@]+$/.test(q) || /^@\S+$/.test(q);
  if (wants('accounts') && !operators && !q.startsWith('#') && !(q.includes('@') && /\s/.test(q))) kinds.add('accounts');
  if (wants('hashtags') && !operators && !q.includes('@')) kinds.add('hashtags');
  if (wants('statuses') && signedIn && !isEmptyQuery(query) && (operators || !loneName)) kinds.add('statuses');
  return kinds;
}

export function createSearch(deps: { db: Db; views: StatusViews; domain: string; authorOf: (acct: string) => Promise<string | undefined>; indexing: boolean }) {
  const accounts = createAccountSearch(deps);
  const hashtags = createTagSearch(deps);
  const statuses = createStatusSearch(deps);
  return {
    accounts: (viewerId: string | null, q: string, options: AccountSearchOptions): Promise<Account[]> => accounts(viewerId, q, options),

    /**
     * Makes statuses searchable, or searchable as edited: fan-out's batch calls it for new ones (in
     * its transaction, off the posting path), the edit's job for an edit.
     */
    index: async (statusIds: readonly string[], executor: Pick<Db, 'execute'> = deps.db): Promise<void> => {
      if (deps.indexing) await indexStatuses(executor, statusIds);
    },

    async all(viewerId: string | null, q: string, options: SearchOptions): Promise<SearchResults> {
      const text = q.trim();
      const query = parseSearchQuery(text);
      const kinds = searchedKinds(text, query, options.type, viewerId !== null);
      const page = { limit: options.limit, offset: options.offset };
      const [a, h, s] = await Promise.all([
        kinds.has('accounts') ? accounts(viewerId, text, { ...page, following: options.following }) : [],
        kinds.has('hashtags') ? hashtags(text, page) : [],
        kinds.has('statuses') && viewerId ? statuses(viewerId, query, options) : [],
      ]);
      return { accounts: a, hashtags: h, statuses: s };
    },
  };
}

export type Search = ReturnType<typeof createSearch>;
