// The languages a post (or one of its versions) may be written in: a common list, the interface's
// languages and the instance's own, as the ISO 639 codes the server takes (zh-Hans is written zh).
import { LANGUAGES } from '../i18n/languages.ts';

/** Languages offered for posts; the list is the author's choice of tag, not a translation. */
const COMMON = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'ca', 'eu', 'br', 'ar', 'he', 'fa', 'ru', 'uk', 'tr', 'ja', 'zh', 'ko', 'hi', 'th'];

/** The ISO 639 code of a language tag (zh-Hans → zh), as the server takes a post's language. */
export const isoCode = (tag: string): string => {
  try {
    return new Intl.Locale(tag).language;
  } catch {
    return tag;
  }
};

/** Every language offered, each once, `first` ahead of the rest (the post's own language stays listed even if uncommon). */
export function postLanguages(instanceLanguages: readonly string[] | undefined, first: readonly string[] = []): string[] {
  return [...new Set([...first, ...COMMON, ...Object.keys(LANGUAGES).map(isoCode), ...(instanceLanguages ?? []).map(isoCode)])];
}
