// A coverage event's hosts post updates into its live timeline from the console.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { postUpdate } from '../api/events.ts';

export function UpdateComposer({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const sent = text;
    setError(null);
    postUpdate(eventId, sent.trim())
      .then(() => setText((current) => (current === sent ? '' : current)))
      .catch((failure: unknown) => setError(failure instanceof ApiError ? failure.message : t('errors.network')));
  };
  return (
    <form className="form console-detail" onSubmit={submit}>
      <div className="field">
        <label htmlFor="update-text">{t('events.newUpdate')}</label>
        <textarea id="update-text" className="input" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={!text.trim()}>
        {t('events.postUpdate')}
      </button>
    </form>
  );
}
