// A remote post's versions in other languages (its contentMap, mapped by the federation door):
// held to the rules of local versions (a known language, not the post's own, once each, not
// blank, at most MAX_VERSIONS), except that remote text cannot be refused piecemeal: a version
// that breaks them is left out, the post kept. Languages are normalised to their base code
// (`en-US` is `en`), as local input gives them.
import type { KeptVersion } from '../../store/schema/index.ts';
import { sanitizeHtml } from '../text/sanitize.ts';
import { wellFormedText } from '../text/well-formed.ts';
import { isKnownLanguage, MAX_VERSIONS } from './versions.ts';

export interface RemoteVersionInput {
  /** a language tag as the remote server wrote it */
  language: string;
  /** HTML as the remote server sent it; sanitised here */
  contentHtml: string;
  spoilerText: string;
}

/** A language tag's base code, lower case (`pt-BR` is `pt`); null when it names no known language. */
export function baseLanguage(tag: string | null | undefined): string | null {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base && isKnownLanguage(base) ? base : null;
}

const blank = (html: string) => html.replace(/<[^>]*>/g, '').trim().length === 0;

/** The versions kept of those a remote post gives (none when its own language is unknown), sorted by language as stored. */
export function acceptedRemoteVersions(primary: string | null, given: readonly RemoteVersionInput[] | undefined): KeptVersion[] {
  const own = baseLanguage(primary);
  if (!own || !given?.length) return [];
  const kept = new Map<string, KeptVersion>();
  for (const v of given) {
    const language = baseLanguage(v.language);
    if (!language || language === own || kept.has(language) || kept.size >= MAX_VERSIONS) continue;
    const contentHtml = sanitizeHtml(wellFormedText(v.contentHtml));
    if (!blank(contentHtml)) kept.set(language, { language, text: '', contentHtml, spoilerText: wellFormedText(v.spoilerText) });
  }
  return [...kept.values()].sort((a, b) => (a.language < b.language ? -1 : a.language > b.language ? 1 : 0));
}

/** Two lists of remote versions say the same (their source text is not kept: the HTML is what they say). */
export function sameRemoteVersions(a: readonly KeptVersion[], b: readonly KeptVersion[]): boolean {
  return a.length === b.length && a.every((v, i) => v.language === b[i]!.language && v.contentHtml === b[i]!.contentHtml && v.spoilerText === b[i]!.spoilerText);
}
