// A live event as its audience sees it: what it is, asking a question, the questions the
// moderators let through (most votes first, each with its answer), and a coverage event's
// updates; all live over the `event` stream. Signed out, it is there to read and watch. In a
// briefing, accredited participants raise a hand and ask follow-ups; everyone else watches.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ApiError } from '../api/client.ts';
import { isStaff, vote, type LiveEvent, type Question } from '../api/events.ts';
import { useSession } from '../state/session.tsx';
import { AskForm } from '../ui/event-ask.tsx';
import { FollowUp } from '../ui/event-follow-up.tsx';
import { HandToggle } from '../ui/event-hand.tsx';
import { useLiveEvent } from '../ui/event-live.ts';
import { byVotes } from '../ui/question-list.ts';
import { QuestionList } from '../ui/event-question.tsx';
import { EventSummary } from '../ui/event-summary.tsx';
import { usePageTitle } from '../ui/layout.tsx';
import { StatusCard } from '../ui/status.tsx';

/** Who may ask: anyone signed in at a Q&A, accredited people at a briefing; nobody once it ended. */
function mayAsk(event: LiveEvent, signedIn: boolean): boolean {
  if (!signedIn || event.state === 'ended' || event.kind === 'coverage') return false;
  return event.kind === 'qa' || event.role === 'participant';
}

export function EventScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const live = useLiveEvent(id, me?.id ?? null);
  const { event, questions, updates, error, put } = live;
  usePageTitle(event?.title ?? t('nav.events'));

  if (error) return <p className="empty">{error === 'missing' ? t('events.missing') : t('errors.network')}</p>;
  if (!event) return <p aria-busy="true">{t('common.loading')}</p>;

  const shown = questions.filter((q) => q.state === 'approved' || q.state === 'answered').sort(byVotes);
  const onVote =
    me && event.state !== 'ended'
      ? (q: Question) => {
          vote(q, !q.voted)
            .then(put)
            .catch((failure: unknown) => {
              // Voted already elsewhere (another tab): the server's count stands, and the toggle follows it.
              if (failure instanceof ApiError && failure.status === 422) put({ ...q, voted: !q.voted });
            });
        }
      : undefined;

  const followUp = mayAsk(event, Boolean(me)) && event.kind === 'briefing' ? (q: Question) => <FollowUp event={event} question={q} onAsked={put} /> : undefined;

  return (
    <div className="event">
      <EventSummary event={event} />
      {isStaff(event.role) && (
        <p>
          <Link href={`/web/events/${event.id}/console`} className="button secondary">
            {t('events.openConsole')}
          </Link>
        </p>
      )}
      {!me && event.kind !== 'briefing' && <p className="muted">{t('events.signInToAsk')}</p>}
      {event.kind === 'briefing' && event.role === 'participant' && event.state !== 'ended' && <HandToggle event={event} />}
      {mayAsk(event, Boolean(me)) && <AskForm event={event} onAsked={put} />}
      {event.kind === 'briefing' && event.role !== 'participant' && !isStaff(event.role) && event.state !== 'ended' && <p className="muted">{t('events.participantsOnly')}</p>}
      {event.kind === 'coverage' ? (
        <section aria-labelledby="updates-title">
          <h2 className="section-title" id="updates-title">
            {t('events.updates')}
          </h2>
          {updates.length === 0 && <p className="empty">{t('events.noUpdates')}</p>}
          <div className="feed">
            {updates.map((s) => (
              <StatusCard key={s.id} status={s} />
            ))}
          </div>
        </section>
      ) : (
        <section aria-labelledby="questions-title">
          <h2 className="section-title" id="questions-title">
            {t('events.questions')}
          </h2>
          <QuestionList questions={shown} onVote={onVote} more={followUp} label={t('events.questions')} />
        </section>
      )}
    </div>
  );
}
