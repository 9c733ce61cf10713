// The console's queue: the questions the filters (by state and language) let through, one of them selected.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question, QuestionState } from '../api/events.ts';
import { useFormat } from '../i18n/format.ts';
import { asker } from './event-question.tsx';

export type StateFilter = 'all' | QuestionState;
const FILTERS: StateFilter[] = ['all', 'pending', 'approved', 'answered', 'hidden'];

interface FilterProps {
  filter: StateFilter;
  onFilter: (filter: StateFilter) => void;
  language: string;
  onLanguage: (language: string) => void;
  /** the languages the questions are in */
  languages: string[];
}

export function ConsoleFilters({ filter, onFilter, language, onLanguage, languages }: FilterProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="console-filters">
      <label htmlFor="filter-state">{t('events.filterState')}</label>
      <select id="filter-state" className="select" value={filter} onChange={(e) => onFilter(e.target.value as StateFilter)}>
        {FILTERS.map((f) => (
          <option key={f} value={f}>
            {t(`events.states.${f}`)}
          </option>
        ))}
      </select>
      <label htmlFor="filter-language">{t('events.language')}</label>
      <select id="filter-language" className="select" value={language} onChange={(e) => onLanguage(e.target.value)}>
        <option value="">{t('events.anyLanguage')}</option>
        {languages.map((l) => (
          <option key={l} value={l}>
            {format.languageName(l)}
          </option>
        ))}
      </select>
    </div>
  );
}

interface Props {
  questions: Question[];
  selected: string | null;
  onSelect: (id: string) => void;
}

export function ConsoleQueue({ questions, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useRef<HTMLUListElement>(null);
  // The selected question stays in sight as j and k move through a long queue.
  useEffect(() => {
    if (selected) list.current?.querySelector(`[data-question-id="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  if (questions.length === 0) return <p className="empty">{t('events.queueEmpty')}</p>;
  return (
    <ul className="queue" ref={list} aria-label={t('events.queue')}>
      {questions.map((q) => (
        <li key={q.id}>
          <button type="button" className="queue-item" data-question-id={q.id} aria-current={q.id === selected ? 'true' : undefined} onClick={() => onSelect(q.id)}>
            <span className="queue-top">
              <span className={`question-state ${q.state}`}>{t(`events.states.${q.state}`)}</span>
              <span className="muted">{t('events.votes', { count: q.votes_count })}</span>
              {q.language && <span className="muted">{format.languageName(q.language)}</span>}
              {q.follow_up_of_id && <span className="muted">{t('events.followUpMark')}</span>}
            </span>
            <span className="queue-text" dir="auto">
              {q.text}
            </span>
            <span className="acct">
              {asker(q)} · @{q.account?.acct}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
