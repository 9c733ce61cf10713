// What an event is: its state, when it runs, who hosts it, what it is about, and its hashtag.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { LiveEvent } from '../api/events.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { displayName } from './avatar.tsx';

export function EventState({ event }: { event: LiveEvent }) {
  const { t } = useTranslation();
  return <span className={`event-state ${event.state}`}>{t(`events.state.${event.state}`)}</span>;
}

export function EventSummary({ event }: { event: LiveEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useSession();
  const host = event.account;
  return (
    <section className="event-summary" aria-label={t('events.about')}>
      <p className="event-line">
        <EventState event={event} /> <span className="muted">{t(`events.kind.${event.kind}`)}</span>
      </p>
      <dl className="event-facts">
        <dt>{t('events.starts')}</dt>
        <dd>
          <time dateTime={event.starts_at}>{format.date(event.starts_at)}</time>
        </dd>
        <dt>{event.ended_at ? t('events.ended') : t('events.ends')}</dt>
        <dd>
          <time dateTime={event.ended_at ?? event.ends_at}>{format.date(event.ended_at ?? event.ends_at)}</time>
        </dd>
        <dt>{t('events.host')}</dt>
        <dd>
          {me ? <Link href={`/web/@${host.acct}`}>{displayName(host)}</Link> : <a href={host.url}>{displayName(host)}</a>} <span className="acct">@{host.acct}</span>
        </dd>
        <dt>{t('events.hashtag')}</dt>
        <dd>#{event.hashtag}</dd>
      </dl>
      {event.description && (
        <p className="event-description" lang={event.language ?? undefined} dir="auto">
          {event.description}
        </p>
      )}
    </section>
  );
}
