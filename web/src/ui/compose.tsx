// Writing a post, a reply or an edit: live character count against the server's limit, visibility,
// content warning, language, versions in other languages, and attachments or a poll. The draft
// (compose-draft.ts), the versions (compose-versions.ts), the attachments (compose-media.ts), the
// poll (compose-poll.ts) and the sending (compose-send.ts) are hooks of their own.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { displayName } from './avatar.tsx';
import { AttachmentList } from './compose-attachments.tsx';
import { useDraft } from './compose-draft.ts';
import { useDropAndPaste } from './compose-drop.ts';
import { useAttachments } from './compose-media.ts';
import { ComposeOptions } from './compose-options.tsx';
import { useDraftPoll } from './compose-poll.ts';
import { PollFields } from './compose-poll-fields.tsx';
import { useSend } from './compose-send.ts';
import { panelId, tabId, VersionActions, VersionTabs } from './compose-version-tabs.tsx';
import { useVersions } from './compose-versions.ts';
import { weightedLength } from './count.ts';

interface Props {
  replyTo?: Status | undefined;
  /** a post of the viewer's to edit */
  editing?: Status | undefined;
  onDone?: ((status: Status) => void) | undefined;
  autoFocus?: boolean;
  /** an id for the text area, so shortcuts and "skip to compose" can find it */
  textareaId?: string;
}

/** The text area, focused with the caret after its text (a reply's mentions) once `ready`. */
function useFocusAtEnd(ready: boolean) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = textarea.current;
    if (!ready || !el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [ready]);
  return textarea;
}

/** The text and warning of the tab shown: the primary's, or a version's. */
function shownFields(draft: ReturnType<typeof useDraft>, versions: ReturnType<typeof useVersions>) {
  const v = versions.shown;
  if (!v) return { text: draft.text, setText: draft.setText, spoiler: draft.spoiler, setSpoiler: draft.setSpoiler, language: draft.language };
  return {
    text: v.text,
    setText: (text: string) => versions.change(v.language, { text }),
    spoiler: v.spoiler,
    setSpoiler: (spoiler: string) => versions.change(v.language, { spoiler }),
    language: v.language,
  };
}

export function Compose({ replyTo, editing, onDone, autoFocus = false, textareaId }: Props) {
  const { t, i18n } = useTranslation();
  const { instance } = useSession();
  const format = useFormat();
  const id = useId();
  const textId = textareaId ?? `${id}-text`;
  const draft = useDraft(replyTo, editing);
  const versions = useVersions(draft);
  const { warn, loaded } = draft;
  const fields = shownFields(draft, versions);
  const leftOf = (text: string, spoiler: string) => (instance?.configuration.statuses.max_characters ?? 500) - weightedLength(text, warn ? spoiler : '');
  const left = leftOf(fields.text, fields.spoiler);
  const textOf = (language: string | null): [string, string] => {
    const v = versions.versions.find((x) => x.language === language);
    return v ? [v.text, v.spoiler] : [draft.text, draft.spoiler];
  };
  const versionsFit = versions.versions.every((v) => v.text.trim().length > 0 && leftOf(v.text, v.spoiler) >= 0) && leftOf(draft.text, draft.spoiler) >= 0;
  const attachments = useAttachments(editing, instance?.configuration.media_attachments, instance?.configuration.statuses.max_media_attachments ?? 4);
  const poll = useDraftPoll(editing, instance?.configuration.polls);
  const { dragging, handlers } = useDropAndPaste(attachments, poll.poll === null);
  const ready = (draft.text.trim().length > 0 || attachments.items.length > 0) && versionsFit && attachments.allReady && poll.ready;
  const { busy, error, submit } = useSend({ draft, versions, attachments, poll, replyTo, editing, ready, onDone });
  const textarea = useFocusAtEnd(autoFocus && loaded);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
  };
  const problem = error ?? draft.loadError;
  const tabbed = versions.versions.length > 0;

  const label = editing ? t('compose.editLabel') : replyTo ? t('compose.replyLabel', { name: displayName(replyTo.account) }) : t('compose.label');
  return (
    <form className={`compose${dragging ? ' dragging' : ''}`} onSubmit={submit} aria-label={label} {...handlers}>
      {replyTo && !editing && <p className="compose-context">{t('compose.replyingTo', { acct: `@${replyTo.account.acct}` })}</p>}
      <VersionTabs id={id} draft={draft} versions={versions} left={(language) => leftOf(...textOf(language))} />
      <div className="compose-fields" {...(tabbed ? { role: 'tabpanel', id: panelId(id), 'aria-labelledby': tabId(id, versions.active) } : {})}>
        {warn && (
          <>
            <label className="visually-hidden" htmlFor={`${id}-cw`}>
              {t('compose.warningLabel')}
            </label>
            <input
              id={`${id}-cw`}
              className="input"
              value={fields.spoiler}
              onChange={(e) => fields.setSpoiler(e.target.value)}
              placeholder={t('compose.warningPlaceholder')}
              lang={fields.language}
              dir="auto"
            />
          </>
        )}
        <label className="visually-hidden" htmlFor={textId}>
          {versions.shown ? t('compose.versionLabel', { language: format.languageName(fields.language) }) : label}
        </label>
        <textarea
          id={textId}
          ref={textarea}
          className="input compose-text"
          value={fields.text}
          onChange={(e) => fields.setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={versions.shown ? t('compose.versionPlaceholder', { language: format.languageName(fields.language) }) : t('compose.placeholder')}
          rows={3}
          lang={fields.language}
          dir={versions.shown ? i18n.dir(fields.language) : 'auto'}
          disabled={!loaded}
          aria-describedby={`${id}-count`}
        />
        <VersionActions versions={versions} textId={textId} />
      </div>
      <AttachmentList attachments={attachments} id={id} />
      <PollFields draft={poll} id={id} editing={Boolean(editing?.poll)} />
      <ComposeOptions id={id} draft={draft} versions={versions} textId={textId} editing={Boolean(editing)} attachments={attachments} poll={poll} />
      <div className="compose-submit">
        <span id={`${id}-count`} className={`counter${left < 0 ? ' over' : ''}`}>
          <span aria-hidden="true">{format.number(left)}</span>
          <span className="visually-hidden">{t('compose.charactersLeft', { count: left })}</span>
        </span>
        <button type="submit" className="button" disabled={busy || !ready}>
          {editing ? t('compose.save') : replyTo ? t('compose.reply') : t('compose.publish')}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
