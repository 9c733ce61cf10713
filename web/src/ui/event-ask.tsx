// Asking a question: its text and its language (the reader's, unless chosen otherwise). In a
// briefing the same form asks a follow-up to an answered question.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ask, type LiveEvent, type Question } from '../api/events.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { asker } from './event-question.tsx';
import { isoCode, postLanguages } from './post-languages.ts';

const MAX = 500;

interface Props {
  event: LiveEvent;
  onAsked: (question: Question) => void;
  /** the answered question this one follows (a briefing's follow-up) */
  followUpOf?: Question;
}

export function AskForm({ event, onAsked, followUpOf }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { instance } = useSession();
  const [text, setText] = useState('');
  const [language, setLanguage] = useState(() => isoCode(i18n.language));
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);
  // A follow-up's form sits in its question's card: its ids are its own.
  const id = followUpOf ? `follow-up-${followUpOf.id}` : 'ask';
  const Heading = followUpOf ? 'h3' : 'h2';
  const box = useRef<HTMLTextAreaElement>(null);
  // A follow-up's form opens when asked for: the focus goes to it (once: the question changes with each vote).
  const following = followUpOf?.id;
  useEffect(() => {
    if (following) box.current?.focus();
  }, [following]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setNote(null);
    try {
      const sent = text;
      const asked = await ask(event.id, sent.trim(), language, followUpOf?.id);
      // What was typed meanwhile stays.
      setText((current) => (current === sent ? '' : current));
      setNote({ error: false, text: asked.state === 'pending' ? t('events.askedPending') : t('events.asked') });
      onAsked(asked);
    } catch (failure) {
      setNote({ error: true, text: failure instanceof ApiError ? failure.message : t('errors.network') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={`form ask-form${followUpOf ? ' follow-up-form' : ''}`} onSubmit={submit} aria-labelledby={`${id}-title`}>
      <Heading className="section-title" id={`${id}-title`}>
        {followUpOf ? t('events.followUpTo', { name: asker(followUpOf) }) : t('events.ask')}
      </Heading>
      <div className="field">
        <label htmlFor={`${id}-text`}>{followUpOf ? t('events.yourFollowUp') : t('events.question')}</label>
        <textarea id={`${id}-text`} className="input" rows={3} value={text} maxLength={MAX} required ref={box} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="field-pair">
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('events.language')}</label>
          <select id={`${id}-language`} className="select" value={language} onChange={(e) => setLanguage(e.target.value)}>
            {postLanguages(instance?.languages, [language]).map((code) => (
              <option key={code} value={code}>
                {format.languageName(code)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy || !text.trim()}>
          {t('events.send')}
        </button>
      </div>
      <p className={note?.error ? 'error' : 'success'} role="status">
        {note?.text}
      </p>
    </form>
  );
}
