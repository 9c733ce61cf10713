// Writing a post, a reply or an edit: live character count against the server's limit, visibility,
// content warning and language.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Status, Visibility } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { displayName } from './avatar.tsx';
import { weightedLength } from './count.ts';

/** Languages offered for posts; the list is the author's choice of tag, not a translation. */
const POST_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'ca', 'eu', 'br', 'ar', 'he', 'fa', 'ru', 'uk', 'tr', 'ja', 'zh', 'ko', 'hi'];
const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'private', 'direct'];
const ORDER: Record<Visibility, number> = { public: 0, unlisted: 1, private: 2, direct: 3 };

interface Props {
  replyTo?: Status | undefined;
  /** a post of the viewer's to edit */
  editing?: Status | undefined;
  onDone?: ((status: Status) => void) | undefined;
  autoFocus?: boolean;
  /** an id for the text area, so shortcuts and "skip to compose" can find it */
  textareaId?: string;
}

export function Compose({ replyTo, editing, onDone, autoFocus = false, textareaId }: Props) {
  const { t, i18n } = useTranslation();
  const { me, instance } = useSession();
  const format = useFormat();
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const max = instance?.configuration.statuses.max_characters ?? 500;

  const initialText = () => {
    if (!replyTo || !me) return '';
    const handles = [replyTo.account.acct, ...replyTo.mentions.map((m) => m.acct)].filter((acct, i, all) => acct !== me.acct && all.indexOf(acct) === i);
    return handles.map((h) => `@${h} `).join('');
  };
  const [text, setText] = useState(initialText);
  const [spoiler, setSpoiler] = useState(replyTo?.spoiler_text ?? '');
  const [warn, setWarn] = useState(Boolean(replyTo?.spoiler_text));
  const defaultVisibility = me?.source?.privacy ?? 'public';
  const [visibility, setVisibility] = useState<Visibility>(replyTo && ORDER[replyTo.visibility] > ORDER[defaultVisibility] ? replyTo.visibility : defaultVisibility);
  const [language, setLanguage] = useState(me?.source?.language ?? i18n.language);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(!editing);

  useEffect(() => {
    if (!editing) return;
    api<{ text: string; spoiler_text: string }>(`/api/v1/statuses/${editing.id}/source`)
      .then((source) => {
        setText(source.text);
        setSpoiler(source.spoiler_text);
        setWarn(Boolean(source.spoiler_text));
        if (editing.language) setLanguage(editing.language);
        setLoaded(true);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : t('errors.network')));
  }, [editing, t]);

  useEffect(() => {
    if (autoFocus && loaded) {
      const el = textarea.current;
      el?.focus();
      el?.setSelectionRange(el.value.length, el.value.length);
    }
  }, [autoFocus, loaded]);

  const length = weightedLength(text, warn ? spoiler : '');
  const left = max - length;
  const empty = text.trim().length === 0;

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy || empty || left < 0) return;
    setBusy(true);
    setError(null);
    try {
      const body = { status: text, spoiler_text: warn ? spoiler : '', sensitive: warn && spoiler.length > 0, language };
      const status = editing
        ? await api<Status>(`/api/v1/statuses/${editing.id}`, { method: 'PUT', body })
        : await api<Status>('/api/v1/statuses', { body: { ...body, visibility, in_reply_to_id: replyTo?.id }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      if (!editing) {
        setText('');
        setSpoiler('');
        setWarn(false);
      }
      onDone?.(status);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
  };

  const label = editing ? t('compose.editLabel') : replyTo ? t('compose.replyLabel', { name: displayName(replyTo.account) }) : t('compose.label');
  return (
    <form className="compose" onSubmit={submit} aria-label={label}>
      {replyTo && !editing && <p className="compose-context">{t('compose.replyingTo', { acct: `@${replyTo.account.acct}` })}</p>}
      {warn && (
        <>
          <label className="visually-hidden" htmlFor={`${id}-cw`}>
            {t('compose.warningLabel')}
          </label>
          <input id={`${id}-cw`} className="input" value={spoiler} onChange={(e) => setSpoiler(e.target.value)} placeholder={t('compose.warningPlaceholder')} />
        </>
      )}
      <label className="visually-hidden" htmlFor={textareaId ?? `${id}-text`}>
        {label}
      </label>
      <textarea
        id={textareaId ?? `${id}-text`}
        ref={textarea}
        className="input compose-text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={t('compose.placeholder')}
        rows={3}
        lang={language}
        dir="auto"
        disabled={!loaded}
        aria-describedby={`${id}-count`}
      />
      <div className="compose-options">
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
          {[...new Set([language, ...POST_LANGUAGES])].map((code) => (
            <option key={code} value={code}>
              {format.languageName(code)}
            </option>
          ))}
        </select>
      </div>
      <div className="compose-submit">
        <span id={`${id}-count`} className={`counter${left < 0 ? ' over' : ''}`}>
          <span aria-hidden="true">{format.number(left)}</span>
          <span className="visually-hidden">{t('compose.charactersLeft', { count: left })}</span>
        </span>
        <button type="submit" className="button" disabled={busy || empty || left < 0}>
          {editing ? t('compose.save') : replyTo ? t('compose.reply') : t('compose.publish')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
