// The interface in nine languages, each complete (test/web/i18n.test.ts compares them with English).
// English is bundled as the fallback; the others load when chosen, so a reader downloads one
// language. The choice is kept in the browser; the first visit follows the browser's preferences.
import i18next, { type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import { known, matchLanguage, type UiLanguage } from './languages.ts';

export { LANGUAGES, type UiLanguage } from './languages.ts';

const KEY = 'parley.language';

type Loader = () => Promise<{ default: ResourceLanguage }>;
const LOADERS: Record<Exclude<UiLanguage, 'en'>, Loader> = {
  fr: () => import('./fr.json'),
  ar: () => import('./ar.json'),
  fa: () => import('./fa.json'),
  hi: () => import('./hi.json'),
  ko: () => import('./ko.json'),
  ru: () => import('./ru.json'),
  th: () => import('./th.json'),
  'zh-Hans': () => import('./zh-Hans.json'),
};

function initial(): UiLanguage {
  const saved = localStorage.getItem(KEY);
  if (saved && known(saved)) return saved;
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const match = matchLanguage(wanted);
    if (match) return match;
  }
  return 'en';
}

async function resources(language: UiLanguage): Promise<ResourceLanguage> {
  return language === 'en' ? en : (await LOADERS[language]()).default;
}

/** Marks the document with the language and its direction, so right-to-left languages lay out mirrored. */
function markDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
}

export async function setupI18n(): Promise<void> {
  const language = initial();
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, [language]: { translation: await resources(language) } },
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  markDocument(i18next.language);
  i18next.on('languageChanged', markDocument);
}

export async function setLanguage(language: UiLanguage): Promise<void> {
  localStorage.setItem(KEY, language);
  if (!i18next.hasResourceBundle(language, 'translation')) i18next.addResourceBundle(language, 'translation', await resources(language));
  await i18next.changeLanguage(language);
}
