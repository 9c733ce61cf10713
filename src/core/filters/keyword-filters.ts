// Mastodon's v1 filters, served on top of v2 filters: a v1 filter is one keyword of a filter, shown
// with its filter's contexts, expiry and action ("irreversible" is the hide action). Making one
// makes a filter of that one keyword; removing one removes only the keyword. Matching is the v2 rule.
import { Problems } from '../errors.ts';
import { createCreateFilter } from './create.ts';
import type { FilterInput, FiltersDeps } from './deps.ts';
import type { Filter, FilterKeyword } from './match.ts';
import { loadFilters, ownerOf } from './read.ts';
import { createRemoveItem } from './remove-item.ts';
import { updateFilter } from './update.ts';

export interface KeywordFilter {
  /** the keyword's id */
  id: string;
  phrase: string;
  contexts: Filter['contexts'];
  wholeWord: boolean;
  expiresAt: Date | null;
  irreversible: boolean;
}

export interface KeywordFilterInput {
  phrase?: string | undefined;
  contexts?: string[] | undefined;
  irreversible?: boolean | undefined;
  wholeWord?: boolean | undefined;
  /** seconds from now; null: never expires */
  expiresIn?: number | null | undefined;
}

const asKeywordFilter = (f: Filter, k: FilterKeyword): KeywordFilter => ({
  id: k.id,
  phrase: k.keyword,
  contexts: f.contexts,
  wholeWord: k.wholeWord,
  expiresAt: f.expiresAt,
  irreversible: f.action === 'hide',
});

const keywordOf = (f: Filter, keywordId: string): KeywordFilter => asKeywordFilter(f, f.keywords.find((k) => k.id === keywordId)!);

/** What of the filter itself a v1 change asks for (the phrase names a filter of one keyword). */
function filterChanges(current: Filter, input: KeywordFilterInput): FilterInput {
  const changes: FilterInput = {};
  if (input.contexts !== undefined && [...input.contexts].sort().join() !== [...current.contexts].sort().join()) changes.contexts = input.contexts;
  if (input.irreversible !== undefined && input.irreversible !== (current.action === 'hide')) changes.action = input.irreversible ? 'hide' : 'warn';
  if (input.expiresIn !== undefined) changes.expiresIn = input.expiresIn;
  return changes;
}

export function createKeywordFilters(deps: FiltersDeps) {
  const { db } = deps;
  const { create } = createCreateFilter(deps);
  const { removeItem } = createRemoveItem(deps);
  return {
    async list(accountId: string): Promise<KeywordFilter[]> {
      return (await loadFilters(db, accountId)).flatMap((f) => f.keywords.map((k) => asKeywordFilter(f, k)));
    },

    async get(accountId: string, keywordId: string): Promise<KeywordFilter> {
      return keywordOf(await ownerOf(db, accountId, 'keyword', keywordId), keywordId);
    },

    async create(accountId: string, input: KeywordFilterInput): Promise<KeywordFilter> {
      const made = await create(accountId, {
        title: input.phrase,
        contexts: input.contexts,
        action: input.irreversible ? 'hide' : 'warn',
        expiresIn: input.expiresIn,
        // A blank phrase is refused by the title's check; the keyword is not checked twice.
        keywords: input.phrase?.trim() ? [{ keyword: input.phrase, wholeWord: input.wholeWord }] : [],
      });
      return asKeywordFilter(made, made.keywords[0]!);
    },

    /**
     * Changes the keyword, and its filter's contexts, expiry and action: refused when that filter
     * holds other keywords too, which the change would touch (Mastodon refuses it likewise).
     */
    async update(accountId: string, keywordId: string, input: KeywordFilterInput): Promise<KeywordFilter> {
      const current = await ownerOf(db, accountId, 'keyword', keywordId);
      const changes = filterChanges(current, input);
      if (Object.keys(changes).length > 0 && current.keywords.length > 1) {
        const problems = new Problems();
        problems.add('base', 'ERR_INVALID', 'this filter holds several keywords: change its contexts, expiry or action through the v2 API');
        problems.throwIfAny();
      }
      if (input.phrase !== undefined && current.keywords.length === 1) changes.title = input.phrase;
      const keyword = { id: keywordId, keyword: input.phrase, wholeWord: input.wholeWord };
      return keywordOf(await updateFilter(deps, accountId, current.id, { ...changes, keywords: [keyword] }), keywordId);
    },

    remove: (accountId: string, keywordId: string): Promise<void> => removeItem(accountId, 'keyword', keywordId),
  };
}
