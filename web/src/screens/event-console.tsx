// The host console: the queue (filtered by state and language), the selected question with its
// moderation and answer composer, and what the audience sees; live over the `event` stream, which
// carries pending and hidden questions to the staff. Keyboard shortcuts are listed on screen.
// Above them, the event's participants and, in a briefing, the raised hands.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ApiError } from '../api/client.ts';
import { endEvent, isStaff, type LiveEvent, mayAnswer, moderate, type Moderation, type Question } from '../api/events.ts';
import { useFormat } from '../i18n/format.ts';
import { allowed, ConsoleDetail } from '../ui/console-detail.tsx';
import { HandsPanel } from '../ui/console-hands.tsx';
import { SHORTCUTS, useConsoleKeys } from '../ui/console-keys.ts';
import { ParticipantsPanel } from '../ui/console-people.tsx';
import { ConsoleFilters, ConsoleQueue, type StateFilter } from '../ui/console-queue.tsx';
import { UpdateComposer } from '../ui/console-update.tsx';
import { useLiveEvent } from '../ui/event-live.ts';
import { byVotes } from '../ui/question-list.ts';
import { QuestionList } from '../ui/event-question.tsx';
import { EventState } from '../ui/event-summary.tsx';
import { usePageTitle } from '../ui/layout.tsx';
import { StatusCard } from '../ui/status.tsx';

function Shortcuts() {
  const { t } = useTranslation();
  return (
    <details className="shortcuts" open>
      <summary>{t('events.keys.title')}</summary>
      <dl>
        {SHORTCUTS.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The question `by` places from the selected one; the focus goes to it, so a screen reader says which it is. */
function neighbour(queue: Question[], selected: Question | null, by: 1 | -1): Question | undefined {
  const at = selected ? queue.indexOf(selected) : -1;
  const next = queue[Math.max(0, Math.min(queue.length - 1, at + by))];
  if (next) requestAnimationFrame(() => document.querySelector<HTMLElement>(`.queue-item[data-question-id="${next.id}"]`)?.focus());
  return next;
}

/** The event's state and counts, the way to the audience's view, and the end of the event. */
function ConsoleBar({ event, questions, onEnded, onError }: { event: LiveEvent; questions: Question[]; onEnded: (event: LiveEvent) => void; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const end = () => {
    if (!window.confirm(t('events.confirmEnd'))) return;
    endEvent(event.id)
      .then((ended) => onEnded({ ...ended, role: event.role }))
      .catch((e: unknown) => onError(e instanceof ApiError ? e.message : t('errors.network')));
  };
  const answered = questions.filter((q) => q.state === 'answered').length;
  return (
    <div className="console-bar">
      <EventState event={event} />
      <span className="muted">{t('events.counts', { questions: format.number(questions.length), answered: format.number(answered) })}</span>
      <Link href={`/web/events/${event.id}`} className="button secondary">
        {t('events.audienceView')}
      </Link>
      {mayAnswer(event.role) && event.state !== 'ended' && (
        <button type="button" className="button secondary danger" onClick={end}>
          {t('events.end')}
        </button>
      )}
    </div>
  );
}

export function EventConsoleScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { event, questions, updates, error, put, setEvent } = useLiveEvent(id);
  const [filter, setFilter] = useState<StateFilter>('all');
  const [language, setLanguage] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  usePageTitle(event ? t('events.consoleOf', { title: event.title }) : t('events.console'));

  const queue = questions.filter((q) => (filter === 'all' || q.state === filter) && (!language || q.language === language)).sort(byVotes);
  const selected = queue.find((q) => q.id === selectedId) ?? queue[0] ?? null;
  const languages = [...new Set(questions.map((q) => q.language).filter((l): l is string => Boolean(l)))];

  const act = (action: Moderation, q: Question | null = selected) => {
    if (!q || !allowed(q, action)) return;
    setFailure(null);
    moderate(q, action)
      .then(put)
      .catch((e: unknown) => setFailure(e instanceof ApiError ? e.message : t('errors.network')));
  };
  useConsoleKeys({
    move: (by) => {
      const next = neighbour(queue, selected, by);
      if (next) setSelectedId(next.id);
    },
    approve: () => act('approve'),
    hide: () => act('hide'),
    answered: () => act('answered'),
    compose: () => composer.current?.focus(),
  });

  if (error) return <p className="empty">{error === 'missing' ? t('events.missing') : t('errors.network')}</p>;
  if (!event) return <p aria-busy="true">{t('common.loading')}</p>;
  if (!isStaff(event.role)) return <p className="empty">{t('events.staffOnly')}</p>;

  const audience = questions.filter((q) => q.state === 'approved' || q.state === 'answered').sort(byVotes);

  return (
    <div className="console">
      <ConsoleBar event={event} questions={questions} onEnded={setEvent} onError={setFailure} />
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <Shortcuts />
      {/* A briefing is run from its hands: they come first; elsewhere the people are set once, below. */}
      {event.kind === 'briefing' && (
        <div className="console-people">
          <HandsPanel eventId={event.id} ended={event.state === 'ended'} />
          <ParticipantsPanel eventId={event.id} kind={event.kind} role={event.role} />
        </div>
      )}
      <div className="console-grid">
        <section className="console-queue" aria-labelledby="queue-title">
          <h2 className="section-title" id="queue-title">
            {t('events.queue')}
          </h2>
          <ConsoleFilters filter={filter} onFilter={setFilter} language={language} onLanguage={setLanguage} languages={languages} />
          <ConsoleQueue questions={queue} selected={selected?.id ?? null} onSelect={setSelectedId} />
        </section>
        {event.kind === 'coverage' && mayAnswer(event.role) ? (
          <UpdateComposer eventId={event.id} />
        ) : selected ? (
          <ConsoleDetail
            question={selected}
            others={questions.filter((q) => q.id !== selected.id && (q.state === 'approved' || q.state === 'pending' || q.state === 'answered'))}
            followed={questions.find((q) => q.id === selected.follow_up_of_id)}
            canAnswer={mayAnswer(event.role)}
            composer={composer}
            put={put}
            onAction={(action) => act(action)}
          />
        ) : (
          <p className="empty console-detail">{t('events.nothingSelected')}</p>
        )}
        <section className="console-preview" aria-labelledby="preview-title">
          <h2 className="section-title" id="preview-title">
            {t('events.preview')}
          </h2>
          {event.kind === 'coverage' ? updates.map((s) => <StatusCard key={s.id} status={s} />) : <QuestionList questions={audience} label={t('events.preview')} />}
        </section>
      </div>
      {event.kind !== 'briefing' && (
        <div className="console-people">
          <ParticipantsPanel eventId={event.id} kind={event.kind} role={event.role} />
        </div>
      )}
    </div>
  );
}
