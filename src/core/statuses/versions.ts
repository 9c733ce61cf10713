// A post's versions in other languages, written by its author: the rules for accepting them, and
// which one a reader sees. The row holds the primary version (its language is the post's); each
// other version has its own text and content warning. Mentions and hashtags are the post's, not a
// version's: every version is parsed and the post mentions and links the union of what they name.
import type { KeptVersion } from '../../store/schema/index.ts';
import type { Account } from '../accounts/service.ts';
import { Problems, ValidationError } from '../errors.ts';
import type { Composed, Composer } from './compose.ts';

/** At most this many versions besides the primary one. */
export const MAX_VERSIONS = 10;

export interface VersionInput {
  language: string;
  text: string;
  spoilerText?: string | undefined;
}

/** A version as readers get it (its source text is read apart, for its author). */
export interface ViewVersion {
  language: string;
  contentHtml: string;
  spoilerText: string;
}

/** Shared by every status without versions (views are read-only). */
export const NO_VERSIONS: readonly ViewVersion[] = [];

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** An ISO 639 code as Mastodon lists languages: two letters (or three where 639-1 has none), one ICU knows. */
export function isKnownLanguage(code: string): boolean {
  return /^[a-z]{2,3}$/.test(code) && names.of(code) !== undefined;
}

/** The problems of the versions given, before any is composed. */
function checkGiven(inputs: readonly VersionInput[], primary: string | null): void {
  const problems = new Problems();
  if (inputs.length > MAX_VERSIONS) problems.add('translations', 'ERR_TOO_LONG', `are too many (maximum is ${MAX_VERSIONS})`);
  if (inputs.length > 0 && primary === null) problems.add('language', 'ERR_BLANK', 'must be given when the post has translations');
  const seen = new Set<string>();
  for (const v of inputs) {
    const field = `translations[${v.language}]`;
    if (!isKnownLanguage(v.language)) problems.add(field, 'ERR_INCLUSION', 'is not a known language code');
    else if (v.language === primary) problems.add(field, 'ERR_INVALID', "is the post's own language");
    else if (seen.has(v.language)) problems.add(field, 'ERR_TAKEN', 'is given twice');
    if (v.text.trim().length === 0) problems.add(field, 'ERR_BLANK', "can't be blank");
    seen.add(v.language);
  }
  problems.throwIfAny();
}

/** A version's problems, said of the version (compose names its own fields). */
function ofVersion(language: string, error: unknown): never {
  if (!(error instanceof ValidationError)) throw error;
  throw new ValidationError(Object.fromEntries(Object.entries(error.details).map(([field, p]) => [`translations[${language}].${field}`, p])));
}

/**
 * The versions checked and rendered, and the primary's composition with the mentions and hashtags
 * of all of them (the union: a version may name someone the primary's wording does not).
 */
export async function composeVersions(composer: Composer, primary: Composed, inputs: readonly VersionInput[]): Promise<{ composed: Composed; versions: KeptVersion[] }> {
  if (inputs.length === 0) return { composed: primary, versions: [] };
  checkGiven(inputs, primary.language);
  const versions: KeptVersion[] = [];
  const mentioned = new Map<string, Account>(primary.mentioned.map((a) => [a.id, a]));
  const tagNames = [...primary.tagNames];
  for (const input of [...inputs].sort((a, b) => a.language.localeCompare(b.language))) {
    const c = await composer.compose({ text: input.text, spoilerText: input.spoilerText, language: input.language }, { language: input.language }).catch((e) => ofVersion(input.language, e));
    versions.push({ language: input.language, text: c.text, contentHtml: c.contentHtml, spoilerText: c.spoilerText });
    for (const a of c.mentioned) mentioned.set(a.id, a);
    tagNames.push(...c.tagNames);
  }
  return { composed: { ...primary, mentioned: [...mentioned.values()], tagNames }, versions };
}

/** Versions as readers get them (a status without any shares one empty list). */
export function asViewVersions(versions: readonly KeptVersion[]): readonly ViewVersion[] {
  return versions.length === 0 ? NO_VERSIONS : versions.map((v) => ({ language: v.language, contentHtml: v.contentHtml, spoilerText: v.spoilerText }));
}

/** The versions a history entry keeps (null when none, as most posts have). */
export const keptOrNull = (versions: readonly KeptVersion[]): KeptVersion[] | null =>
  versions.length > 0 ? versions.map(({ language, text, contentHtml, spoilerText }) => ({ language, text, contentHtml, spoilerText })) : null;

/** Two lists of versions say the same. */
export function sameVersions(a: readonly KeptVersion[], b: readonly KeptVersion[]): boolean {
  return a.length === b.length && a.every((v, i) => v.language === b[i]!.language && v.text === b[i]!.text && v.spoilerText === b[i]!.spoilerText);
}

/**
 * A reader's languages, most wanted first: an explicit choice (a `lang` parameter), then the
 * languages they read (chosen_languages) and the one they post in, then what their client accepts.
 */
export function readerLanguages(given: {
  explicit?: string | undefined;
  chosen?: readonly string[] | null | undefined;
  posting?: string | null | undefined;
  accepted?: readonly string[] | undefined;
}): string[] {
  const out: string[] = [];
  const add = (code: string | null | undefined) => {
    const base = code?.toLowerCase().split('-')[0];
    if (base && !out.includes(base)) out.push(base);
  };
  add(given.explicit);
  for (const code of given.chosen ?? []) add(code);
  add(given.posting);
  for (const code of given.accepted ?? []) add(code);
  return out;
}

/** The version a reader gets: the first of their languages the post has; null for the primary. */
export function chooseVersion(primary: string | null, versions: readonly ViewVersion[], languages: readonly string[] | undefined): ViewVersion | null {
  if (versions.length === 0 || !languages) return null;
  for (const code of languages) {
    if (code === primary) return null;
    for (const v of versions) if (v.language === code) return v;
  }
  return null;
}
