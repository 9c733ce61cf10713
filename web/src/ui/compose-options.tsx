// The choices beside the text: attaching files or a poll (one or the other: Mastodon takes no post
// with both), a content warning, the visibility (not for edits: it cannot change) and the primary
// language (not one of the post's versions'), and a version in another language.
import { useTranslation } from 'react-i18next';
import type { Visibility } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { AddMedia } from './compose-attachments.tsx';
import type { Draft } from './compose-draft.ts';
import { AddLanguage } from './compose-version-tabs.tsx';
import type { Versions } from './compose-versions.ts';
import type { Attachments } from './compose-media.ts';
import type { DraftPollState } from './compose-poll.ts';
import { Icon } from './icons.tsx';
import { postLanguages } from './post-languages.ts';

const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'private', 'direct'];

/** `id`: the form's, from which the controls' ids are made */
interface Props {
  id: string;
  draft: Draft;
  /** the post's versions in other languages, whose languages the primary cannot take */
  versions: Versions;
  /** the text area's id, focused when a version is added */
  textId: string;
  editing: boolean;
  attachments: Attachments;
  poll: DraftPollState;
}

export function ComposeOptions({ id, draft, versions, textId, editing, attachments, poll }: Props) {
  const { t } = useTranslation();
  const { instance } = useSession();
  const format = useFormat();
  const { warn, setWarn, visibility, setVisibility, language, setLanguage } = draft;
  const polled = poll.poll !== null;
  const withMedia = attachments.items.length > 0;
  return (
    <div className="compose-options">
      <AddMedia attachments={attachments} accept={instance?.configuration.media_attachments?.supported_mime_types} blocked={polled} />
      <button
        type="button"
        className="chip add-poll"
        aria-pressed={polled}
        disabled={withMedia && !polled}
        title={withMedia ? t('poll.notWithMedia') : undefined}
        onClick={() => {
          if (polled) return poll.clear();
          poll.start();
          requestAnimationFrame(() => document.getElementById(`${id}-poll-option-0`)?.focus());
        }}
      >
        <Icon name="poll" /> {t('poll.add')}
      </button>
      <button type="button" className={`chip${warn ? ' active' : ''}`} aria-pressed={warn} onClick={() => setWarn(!warn)}>
        {t('compose.warningToggle')}
      </button>
      {!editing && (
        <>
          <label className="visually-hidden" htmlFor={`${id}-visibility`}>
            {t('compose.visibility')}
          </label>
          <select id={`${id}-visibility`} className="select" value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {t(`visibility.${v}`)}
              </option>
            ))}
          </select>
        </>
      )}
      <label className="visually-hidden" htmlFor={`${id}-language`}>
        {t('compose.language')}
      </label>
      <select id={`${id}-language`} className="select" value={language} onChange={(e) => setLanguage(e.target.value)}>
        {postLanguages(instance?.languages, [language])
          .filter((code) => !versions.versions.some((v) => v.language === code))
          .map((code) => (
            <option key={code} value={code}>
              {format.languageName(code)}
            </option>
          ))}
      </select>
      <AddLanguage id={id} draft={draft} versions={versions} textId={textId} />
    </div>
  );
}
