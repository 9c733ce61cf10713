// What a query's words ask of a post's text, in terms the full-text index answers. Words of scripts
// written with spaces go through PostgreSQL's 'simple' configuration (no stemming: one rule for every
// language). Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
// Myanmar) and Korean, whose words carry particles, are indexed as pairs of neighbouring characters
// (the `parley_search_vector` function of the search migration): a query finds any substring of two
// characters or more through the pairs it contains, checked exactly afterwards, and a single
// character through the pairs it starts.
import type { ClauseMatch, TextMatch, TsQueryPart } from '../../store/search/statuses.ts';
import type { SearchTerm } from './query.ts';

/**
 * The characters indexed as pairs; the same ranges as the search migration's SQL function, which
 * must change with them (with a migration rebuilding the index).
 */
export const PAIRED_SCRIPT = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF66-\uFF9F\u{20000}-\u{3134F}]+/gu;

/** The index's pairs for a run of paired-script characters (a lone character: pairs starting with it). */
function pairsQuery(run: string): string {
  const chars = Array.from(run);
  if (chars.length === 1) return `'${chars[0]}':*`;
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(`'${chars[i]}${chars[i + 1]}'`);
  return [...pairs].join(' & ');
}

const hasWordCharacters = (text: string) => /[\p{L}\p{N}]/u.test(text);

export function clauseMatch(term: Pick<SearchTerm, 'text' | 'phrase'>): ClauseMatch {
  const parts: TsQueryPart[] = [];
  const substrings: string[] = [];
  const spaced = term.text.replace(PAIRED_SCRIPT, (run) => {
    parts.push({ kind: 'written', text: pairsQuery(run) });
    // A lone character needs no check: every pair starting with it contains it.
    if (Array.from(run).length > 1) substrings.push(run);
    return ' ';
  });
  if (hasWordCharacters(spaced)) parts.unshift({ kind: term.phrase ? 'phrase' : 'words', text: spaced.trim() });
  return { parts, substrings };
}

export function textMatch(terms: readonly SearchTerm[]): TextMatch {
  const match: TextMatch = { include: [], exclude: [] };
  for (const term of terms) {
    const clause = clauseMatch(term);
    if (clause.parts.length > 0) (term.negated ? match.exclude : match.include).push(clause);
  }
  return match;
}
