// Live events: the list (live, upcoming, ended), and the form that creates one.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { apiPage } from '../api/client.ts';
import { BASE, type EventState as State, type LiveEvent } from '../api/events.ts';
import { useFormat } from '../i18n/format.ts';
import { displayName } from '../ui/avatar.tsx';
import { EventForm } from '../ui/event-form.tsx';
import { EventState } from '../ui/event-summary.tsx';
import { usePageTitle } from '../ui/layout.tsx';

const STATES: State[] = ['live', 'upcoming', 'ended'];

function EventRow({ event }: { event: LiveEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="event-row">
      <Link href={`/web/events/${event.id}`} className="event-row-title">
        {event.title}
      </Link>
      <span className="event-line">
        <EventState event={event} /> <span className="muted">{t(`events.kind.${event.kind}`)}</span>{' '}
        <time className="muted" dateTime={event.starts_at}>
          {format.date(event.starts_at)}
        </time>
      </span>
      <span className="acct">
        {displayName(event.account)} · @{event.account.acct}
      </span>
    </li>
  );
}

export function EventsScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.events'));
  const [state, setState] = useState<State>('live');
  const [events, setEvents] = useState<LiveEvent[] | null>(null);

  useEffect(() => {
    setEvents(null);
    apiPage<LiveEvent>(`${BASE}?state=${state}&limit=40`)
      .then((page) => setEvents(page.items))
      .catch(() => setEvents([]));
  }, [state]);

  return (
    <div>
      <p>
        <Link href="/web/events/new" className="button">
          {t('events.create')}
        </Link>
      </p>
      <fieldset className="tabs" aria-label={t('events.show')}>
        {STATES.map((s) => (
          <button key={s} type="button" className="tab-link" aria-pressed={s === state} onClick={() => setState(s)}>
            {t(`events.state.${s}`)}
          </button>
        ))}
      </fieldset>
      {!events && <p aria-busy="true">{t('common.loading')}</p>}
      {events && events.length === 0 && <p className="empty">{t('events.none')}</p>}
      {events && events.length > 0 && (
        <ul className="event-list" aria-label={t('nav.events')}>
          {events.map((e) => (
            <EventRow key={e.id} event={e} />
          ))}
        </ul>
      )}
    </div>
  );
}

export function NewEventScreen() {
  const { t } = useTranslation();
  usePageTitle(t('events.create'));
  return <EventForm />;
}
