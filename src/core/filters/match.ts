// Which of a viewer's filters a status matches: keywords (case-insensitive, optionally whole words,
// as Mastodon matches them) against its text and content warning, or the status listed outright.
import sanitize from 'sanitize-html';
import type { FilterAction, FilterContext } from '../../store/schema/index.ts';

export type { FilterAction, FilterContext };

export interface FilterKeyword {
  id: string;
  keyword: string;
  wholeWord: boolean;
}

export interface Filter {
  id: string;
  title: string;
  contexts: FilterContext[];
  action: FilterAction;
  expiresAt: Date | null;
  keywords: FilterKeyword[];
  statuses: { id: string; statusId: string }[];
}

export interface FilterMatch {
  filter: Filter;
  keywordMatches: string[];
  statusMatches: string[];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** The text of a status's HTML, as a reader sees it (line breaks kept, tags gone). */
export function plainText(html: string): string {
  const spaced = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n\n');
  return sanitize(spaced, { allowedTags: [], allowedAttributes: {} }).replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD = /[\p{L}\p{N}_]/u;

function keywordPattern(k: FilterKeyword): RegExp {
  const body = escapeRegExp(k.keyword);
  if (!k.wholeWord) return new RegExp(body, 'iu');
  // Word boundaries only where the keyword itself starts or ends with a word character.
  const before = WORD.test(k.keyword.at(0) ?? '') ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD.test(k.keyword.at(-1) ?? '') ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${before}${body}${after}`, 'iu');
}

/** A matcher for these filters (compiled once per request). */
export function compileFilters(filters: Filter[]): (statusId: string, text: string) => FilterMatch[] {
  const compiled = filters.map((filter) => ({ filter, keywords: filter.keywords.map((k) => ({ k, re: keywordPattern(k) })), statusIds: new Set(filter.statuses.map((s) => s.statusId)) }));
  return (statusId, text) => {
    const out: FilterMatch[] = [];
    for (const c of compiled) {
      const keywordMatches = c.keywords.filter(({ re }) => re.test(text)).map(({ k }) => k.keyword);
      const statusMatches = c.statusIds.has(statusId) ? [statusId] : [];
      if (keywordMatches.length > 0 || statusMatches.length > 0) out.push({ filter: c.filter, keywordMatches, statusMatches });
    }
    return out;
  };
}
