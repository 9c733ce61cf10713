// Creating a live event: its kind, title, description, when it runs, its hashtag, and whether
// questions wait for a moderator. The times are the reader's local ones, sent in UTC.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ApiError } from '../api/client.ts';
import { createEvent, type EventKind } from '../api/events.ts';

const KINDS: EventKind[] = ['qa', 'briefing', 'coverage'];

/** A datetime-local input's value for a moment (the reader's time zone). */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const HOUR = 3600_000;

/** The server's message, and what it said of each field. */
const described = (failure: ApiError) => [failure.message, ...Object.entries(failure.details).map(([field, errors]) => `${field}: ${errors.map((x) => x.description).join(', ')}`)].join(' — ');

interface TimesProps {
  startsAt: string;
  endsAt: string;
  onStarts: (value: string) => void;
  onEnds: (value: string) => void;
}

function EventTimes({ startsAt, endsAt, onStarts, onEnds }: TimesProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor="event-starts">{t('events.starts')}</label>
        <input id="event-starts" className="input" type="datetime-local" value={startsAt} onChange={(e) => onStarts(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="event-ends">{t('events.ends')}</label>
        <input id="event-ends" className="input" type="datetime-local" value={endsAt} onChange={(e) => onEnds(e.target.value)} required />
      </div>
    </>
  );
}

function HashtagField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor="event-hashtag">{t('events.hashtag')}</label>
      <input id="event-hashtag" className="input" value={value} onChange={(e) => onChange(e.target.value)} required maxLength={64} pattern="#?[\p{L}\p{N}_]+" aria-describedby="event-hashtag-hint" />
      <span id="event-hashtag-hint" className="muted">
        {t('events.form.hashtagHint')}
      </span>
    </div>
  );
}

export function EventForm() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [kind, setKind] = useState<EventKind>('qa');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [startsAt, setStartsAt] = useState(() => localInput(new Date()));
  const [endsAt, setEndsAt] = useState(() => localInput(new Date(Date.now() + HOUR)));
  const [hashtag, setHashtag] = useState('');
  const [premoderated, setPremoderated] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const made = await createEvent({
        kind,
        title: title.trim(),
        description: description.trim(),
        starts_at: new Date(startsAt).toISOString(),
        ends_at: new Date(endsAt).toISOString(),
        hashtag: hashtag.trim().replace(/^#/, ''),
        premoderated,
      });
      navigate(`/web/events/${made.id}/console`);
    } catch (failure) {
      setError(failure instanceof ApiError ? described(failure) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="event-kind">{t('events.form.kind')}</label>
        <select id="event-kind" className="select" value={kind} onChange={(e) => setKind(e.target.value as EventKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`events.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="event-title">{t('events.form.title')}</label>
        <input id="event-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="event-description">{t('events.form.description')}</label>
        <textarea id="event-description" className="input" rows={4} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={5000} />
      </div>
      <EventTimes startsAt={startsAt} endsAt={endsAt} onStarts={setStartsAt} onEnds={setEndsAt} />
      <HashtagField value={hashtag} onChange={setHashtag} />
      <label className="checkbox">
        <input type="checkbox" checked={premoderated} onChange={(e) => setPremoderated(e.target.checked)} />
        {t('events.form.premoderated')}
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {t('events.form.submit')}
      </button>
    </form>
  );
}
