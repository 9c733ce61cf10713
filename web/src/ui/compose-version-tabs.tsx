// The composer's languages: a tab for the primary text and one per version in another language
// (arrow keys move between them, as WAI-ARIA's tabs pattern says, mirrored right to left), the
// picker that adds a version (beside the primary's language), and for the version shown, making it
// the primary or removing it.
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import type { Draft } from './compose-draft.ts';
import type { Versions } from './compose-versions.ts';
import { postLanguages } from './post-languages.ts';

/** The ids the tabs and their panel are known by, from the form's id. */
export const tabId = (formId: string, language: string | null) => `${formId}-tab-${language ?? 'primary'}`;
export const panelId = (formId: string) => `${formId}-panel`;

interface Props {
  id: string;
  draft: Draft;
  versions: Versions;
  /** the text area's id, focused when a version is added */
  textId: string;
}

function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** `left`: the characters each tab has left (null: the primary's); a tab over the limit says so */
export function VersionTabs({ id, draft, versions, left }: Omit<Props, 'textId'> & { left: (language: string | null) => number }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const tabs: (string | null)[] = [null, ...versions.versions.map((v) => v.language)];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    const at = tabs.indexOf(versions.active);
    let next: number | undefined;
    if (step) next = (at + (i18n.dir() === 'rtl' ? -step : step) + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    versions.setActive(tabs[next]!);
    focusSoon(tabId(id, tabs[next]!));
  };

  return (
    tabs.length > 1 && (
      <div role="tablist" className="version-tabs" aria-label={t('compose.versions')} onKeyDown={onKeyDown}>
        {tabs.map((language) => {
          const selected = language === versions.active;
          const code = language ?? draft.language;
          return (
            <button
              key={language ?? ''}
              id={tabId(id, language)}
              type="button"
              role="tab"
              className="version-tab"
              aria-selected={selected}
              aria-controls={panelId(id)}
              tabIndex={selected ? 0 : -1}
              onClick={() => versions.setActive(language)}
            >
              <span>{format.languageName(code)}</span>
              {language === null && <span className="muted"> · {t('compose.primary')}</span>}
              <OverLimit left={left(language)} />
            </button>
          );
        })}
      </div>
    )
  );
}

/** A tab's text past the limit, by how much (the tab shown has the counter too). */
function OverLimit({ left }: { left: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (left >= 0) return null;
  return (
    <span className="counter over">
      {' '}
      <span aria-hidden="true">{format.number(left)}</span>
      <span className="visually-hidden">{t('compose.charactersLeft', { count: left })}</span>
    </span>
  );
}

/** Picks a language to write one more version in (each language once, the primary's too). */
export function AddLanguage({ id, draft, versions, textId }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { instance } = useSession();
  const taken = new Set([draft.language, ...versions.versions.map((v) => v.language)]);
  const free = postLanguages(instance?.languages).filter((code) => !taken.has(code));
  return (
    <>
      <label className="visually-hidden" htmlFor={`${id}-add-language`}>
        {t('compose.addLanguage')}
      </label>
      <select
        id={`${id}-add-language`}
        className="select add-language"
        value=""
        onChange={(e) => {
          if (!e.target.value) return;
          versions.add(e.target.value);
          focusSoon(textId);
        }}
      >
        <option value="">{t('compose.addLanguage')}</option>
        {free.map((code) => (
          <option key={code} value={code}>
            {format.languageName(code)}
          </option>
        ))}
      </select>
    </>
  );
}

/** Under a version's text: make it the post's primary language, or take it off. */
export function VersionActions({ versions, textId }: { versions: Versions; textId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = versions.active;
  if (!language) return null;
  const name = format.languageName(language);
  return (
    <div className="version-actions">
      <button
        type="button"
        className="link-button"
        onClick={() => {
          versions.makePrimary(language);
          focusSoon(textId);
        }}
      >
        {t('compose.makePrimary', { language: name })}
      </button>
      <button
        type="button"
        className="link-button danger"
        onClick={() => {
          versions.remove(language);
          focusSoon(textId);
        }}
      >
        {t('compose.removeVersion', { language: name })}
      </button>
    </div>
  );
}
