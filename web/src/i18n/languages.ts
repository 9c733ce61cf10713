// The languages of the interface and how a browser's preference picks one (no JSON here: the
// translation test runs this in Node).
/** Each language under its own name, as its speakers look for it in the picker. */
export const LANGUAGES = {
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
  fa: 'فارسی',
  hi: 'हिन्दी',
  ko: '한국어',
  ru: 'Русский',
  th: 'ไทย',
  // Named by its script, not a country: Simplified Chinese is read in mainland China, Singapore and
  // Malaysia alike (zh, zh-CN, zh-SG all pick it); Traditional (zh-TW, zh-HK) is a different text.
  'zh-Hans': '简体中文',
} as const;
export type UiLanguage = keyof typeof LANGUAGES;

/** Whether a code names one of the interface languages. */
export const known = (code: string): code is UiLanguage => Object.hasOwn(LANGUAGES, code);
/** The interface language for a BCP 47 tag from the browser: exact, by script (zh-CN → zh-Hans), or by language. */
export function matchLanguage(tag: string): UiLanguage | undefined {
  try {
    const locale = new Intl.Locale(tag);
    const script = locale.maximize().script;
    return [tag, `${locale.language}-${script}`, locale.language].find(known);
  } catch {
    return undefined;
  }
}
