// A search query as people type it, Mastodon's syntax: words, "quoted phrases", `-` to exclude (and
// `+`, which changes nothing: every word must match), and operators (`from:`, `has:`, `is:`,
// `language:`, `before:`, `after:`, `during:`, `in:`). Pure: no database, no HTTP.

export const OPERATORS = ['from', 'has', 'is', 'language', 'before', 'after', 'during', 'in'] as const;
export type OperatorName = (typeof OPERATORS)[number];

export interface SearchTerm {
  text: string;
  /** written in quotes: its words must follow one another */
  phrase: boolean;
  /** written with a leading `-`: posts containing it are left out */
  negated: boolean;
}

export interface SearchOperator {
  name: Exclude<OperatorName, 'in'>;
  /** as written, quotes removed */
  value: string;
  negated: boolean;
}

/** Which posts are searched: those the searcher has to do with, public posts of people who opted in, or both. */
export type SearchScope = 'all' | 'library' | 'public';

export interface SearchQuery {
  terms: SearchTerm[];
  operators: SearchOperator[];
  scope: SearchScope;
}

const OPENING_QUOTES = new Set(['"', '“', '„', '«', '「']);
const CLOSING_QUOTE: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»', '「': '」' };
const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
/** Something to find: a term made only of punctuation matches nothing and is dropped. */
const findable = (text: string) => /[\p{L}\p{N}]/u.test(text);
const SCOPES: Record<string, SearchScope> = { all: 'all', library: 'library', public: 'public' };

/** Reads a quoted stretch starting at `at` (an opening quote); an unclosed quote runs to the end. */
function quoted(q: string, at: number): { text: string; end: number } {
  const close = CLOSING_QUOTE[q[at]!] ?? '"';
  const stop = q.indexOf(close, at + 1);
  return stop < 0 ? { text: q.slice(at + 1), end: q.length } : { text: q.slice(at + 1, stop), end: stop + 1 };
}

/** Reads a bare word starting at `at`: up to whitespace or an opening quote. */
function bare(q: string, at: number): { text: string; end: number } {
  let end = at;
  while (end < q.length && !isSpace(q[end]) && !OPENING_QUOTES.has(q[end]!)) end++;
  return { text: q.slice(at, end), end };
}

/** `name:` at `at` when `name` is one of the operators, with what follows (quoted or bare). */
function operatorAt(q: string, at: number): { name: OperatorName; value: string; end: number } | undefined {
  const match = /^([a-z]+):/i.exec(q.slice(at, at + 12));
  if (!match) return undefined;
  const name = match[1]!.toLowerCase() as OperatorName;
  if (!OPERATORS.includes(name)) return undefined;
  const valueAt = at + match[0].length;
  if (valueAt >= q.length || isSpace(q[valueAt])) return undefined;
  const value = OPENING_QUOTES.has(q[valueAt]!) ? quoted(q, valueAt) : bare(q, valueAt);
  return { name, value: value.text.trim(), end: value.end };
}

export function parseSearchQuery(input: string): SearchQuery {
  const q = input.normalize('NFC');
  const query: SearchQuery = { terms: [], operators: [], scope: 'all' };
  let at = 0;
  while (at < q.length) {
    if (isSpace(q[at])) {
      at++;
      continue;
    }
    let negated = false;
    if ((q[at] === '-' || q[at] === '+') && at + 1 < q.length && !isSpace(q[at + 1])) {
      negated = q[at] === '-';
      at++;
    }
    const operator = operatorAt(q, at);
    if (operator) {
      at = operator.end;
      if (!operator.value) continue;
      // `in:` chooses where to look; Mastodon takes no `-` for it, nor an unknown place.
      if (operator.name === 'in') query.scope = SCOPES[operator.value.toLowerCase()] ?? query.scope;
      else query.operators.push({ name: operator.name, value: operator.value, negated });
      continue;
    }
    const phrase = OPENING_QUOTES.has(q[at]!);
    const read = phrase ? quoted(q, at) : bare(q, at);
    at = Math.max(read.end, at + 1);
    const text = read.text.trim();
    if (findable(text)) query.terms.push({ text, phrase, negated });
  }
  return query;
}

/** True when the query says nothing to search by: no word and no operator. */
export function isEmptyQuery(query: SearchQuery): boolean {
  return query.terms.length === 0 && query.operators.length === 0 && query.scope === 'all';
}
