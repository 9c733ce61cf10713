// English and French, complete (a test compares their keys). The chosen language is kept in the
// browser; the first visit follows the browser's own preference.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';

export const LANGUAGES = { en: 'English', fr: 'Français' } as const;
export type UiLanguage = keyof typeof LANGUAGES;
const KEY = 'parley.language';

function initial(): UiLanguage {
  const saved = localStorage.getItem(KEY);
  if (saved && saved in LANGUAGES) return saved as UiLanguage;
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const base = wanted.split('-')[0]!;
    if (base in LANGUAGES) return base as UiLanguage;
  }
  return 'en';
}

/** Marks the document with the language and its direction, so right-to-left languages lay out mirrored. */
function markDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
}

export async function setupI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: initial(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  markDocument(i18next.language);
  i18next.on('languageChanged', markDocument);
}

export async function setLanguage(language: UiLanguage): Promise<void> {
  localStorage.setItem(KEY, language);
  await i18next.changeLanguage(language);
}
