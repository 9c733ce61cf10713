// A post's versions in other languages, written by its author beside the primary text: one tab
// each (the primary's tab is `null`), added, removed, or swapped with the primary to make it the
// post's main language. An edit starts from the versions the post's source holds; sending gives
// Parley's `translations` parameter (an edit always sends it, so that removed versions go).
import { useEffect, useState } from 'react';
import type { Draft } from './compose-draft.ts';

export interface Version {
  language: string;
  text: string;
  spoiler: string;
}

export type SourceTranslations = Record<string, { status: string; spoiler_text: string }>;

export function useVersions(draft: Draft) {
  const [versions, setVersions] = useState<Version[]>([]);
  /** the language of the version shown, null for the primary */
  const [active, setActive] = useState<string | null>(null);
  const { sourceVersions } = draft;

  useEffect(() => {
    if (sourceVersions) setVersions(Object.entries(sourceVersions).map(([language, v]) => ({ language, text: v.status, spoiler: v.spoiler_text })));
  }, [sourceVersions]);

  const change = (language: string, patch: Partial<Version>) => setVersions((all) => all.map((v) => (v.language === language ? { ...v, ...patch } : v)));
  const add = (language: string) => {
    setVersions((all) => [...all, { language, text: '', spoiler: '' }]);
    setActive(language);
  };
  const remove = (language: string) => {
    setVersions((all) => all.filter((v) => v.language !== language));
    setActive(null);
  };
  /** The version becomes the primary, and the primary one of the versions. */
  const makePrimary = (language: string) => {
    const { text, spoiler, language: primary } = draft;
    const chosen = versions.find((v) => v.language === language);
    if (!chosen) return;
    setVersions((all) => all.map((v) => (v.language === language ? { language: primary, text, spoiler } : v)));
    draft.setText(chosen.text);
    draft.setSpoiler(chosen.spoiler);
    draft.setLanguage(language);
    setActive(null);
  };
  const clear = () => {
    setVersions([]);
    setActive(null);
  };
  const shown = versions.find((v) => v.language === active) ?? null;
  return { versions, active: shown ? active : null, shown, setActive, change, add, remove, makePrimary, clear };
}

export type Versions = ReturnType<typeof useVersions>;

/** The `translations` parameter: each version with its warning (none when the post has none). */
export function translationsParam(versions: readonly Version[], warn: boolean): SourceTranslations {
  return Object.fromEntries(versions.map((v) => [v.language, { status: v.text, spoiler_text: warn ? v.spoiler : '' }]));
}
