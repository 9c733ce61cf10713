// A briefing's accredited participant raises a hand to be called on, and lowers it. The toggle
// starts as the event says the viewer's hand is (up and waiting, or not).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { setHand } from '../api/event-people.ts';
import type { LiveEvent } from '../api/events.ts';

export function HandToggle({ event }: { event: LiveEvent }) {
  const { t } = useTranslation();
  const [up, setUp] = useState(Boolean(event.hand && !event.hand.called_at));
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);

  const toggle = () => {
    const next = !up;
    setBusy(true);
    setNote(null);
    setHand(event.id, next)
      .then(() => {
        setUp(next);
        setNote({ error: false, text: next ? t('events.hand.raised') : t('events.hand.lowered') });
      })
      .catch((failure: unknown) => {
        // Lowered already (called on and lowered elsewhere, or another tab): it is down.
        if (!next && failure instanceof ApiError && failure.status === 404) {
          setUp(false);
          setNote({ error: false, text: t('events.hand.lowered') });
        } else setNote({ error: true, text: failure instanceof ApiError ? failure.message : t('errors.network') });
      })
      .finally(() => setBusy(false));
  };

  return (
    <section className="hand-toggle" aria-labelledby="hand-title">
      <h2 className="section-title" id="hand-title">
        {t('events.hand.title')}
      </h2>
      <p className="muted">{t('events.hand.about')}</p>
      <button type="button" className={`button${up ? ' secondary' : ''}`} disabled={busy} onClick={toggle}>
        {up ? t('events.hand.lower') : t('events.hand.raise')}
      </button>
      <p className={note?.error ? 'error' : 'success'} role="status">
        {note?.text}
      </p>
    </section>
  );
}
