// Asking a question: its text and its language (the reader's, unless chosen otherwise).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ask, type LiveEvent, type Question } from '../api/events.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { isoCode, postLanguages } from './post-languages.ts';

const MAX = 500;

export function AskForm({ event, onAsked }: { event: LiveEvent; onAsked: (question: Question) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { instance } = useSession();
  const [text, setText] = useState('');
  const [language, setLanguage] = useState(() => isoCode(i18n.language));
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setNote(null);
    try {
      const sent = text;
      const asked = await ask(event.id, sent.trim(), language);
      onAsked(asked);
      // What was typed meanwhile stays.
      setText((current) => (current === sent ? '' : current));
      setNote({ error: false, text: asked.state === 'pending' ? t('events.askedPending') : t('events.asked') });
    } catch (failure) {
      setNote({ error: true, text: failure instanceof ApiError ? failure.message : t('errors.network') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form ask-form" onSubmit={submit} aria-labelledby="ask-title">
      <h2 className="section-title" id="ask-title">
        {t('events.ask')}
      </h2>
      <div className="field">
        <label htmlFor="ask-text">{t('events.question')}</label>
        <textarea id="ask-text" className="input" rows={3} value={text} maxLength={MAX} required onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="field-pair">
        <div className="field">
          <label htmlFor="ask-language">{t('events.language')}</label>
          <select id="ask-language" className="select" value={language} onChange={(e) => setLanguage(e.target.value)}>
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
