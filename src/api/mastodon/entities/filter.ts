// Filter, FilterKeyword, FilterStatus and FilterResult entities.
import type { Filter, FilterMatch, KeywordFilter } from '../../../core/filters/service.ts';

export function serializeFilter(f: Filter, options: { items?: boolean } = { items: true }) {
  return {
    id: f.id,
    title: f.title,
    context: f.contexts,
    expires_at: f.expiresAt ? f.expiresAt.toISOString() : null,
    filter_action: f.action,
    // A FilterResult's filter leaves its keywords and statuses out, as in Mastodon.
    ...(options.items ? { keywords: f.keywords.map(serializeFilterKeyword), statuses: f.statuses.map(serializeFilterStatus) } : {}),
  };
}

export const serializeFilterKeyword = (k: Filter['keywords'][number]) => ({ id: k.id, keyword: k.keyword, whole_word: k.wholeWord });
export const serializeFilterStatus = (s: Filter['statuses'][number]) => ({ id: s.id, status_id: s.statusId });

export function serializeFilterResults(matches: FilterMatch[]) {
  return matches.map((m) => ({
    filter: serializeFilter(m.filter, { items: false }),
    keyword_matches: m.keywordMatches.length ? m.keywordMatches : null,
    status_matches: m.statusMatches.length ? m.statusMatches : null,
  }));
}

/** V1::Filter: one keyword of a filter, with its filter's contexts, expiry and action. */
export const serializeV1Filter = (f: KeywordFilter) => ({
  id: f.id,
  phrase: f.phrase,
  context: f.contexts,
  whole_word: f.wholeWord,
  expires_at: f.expiresAt ? f.expiresAt.toISOString() : null,
  irreversible: f.irreversible,
});
