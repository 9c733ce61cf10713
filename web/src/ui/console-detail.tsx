// The selected question in the console: its moderation (approve, hide, mark answered, merge into
// another) and, for hosts and cohosts, the answer composer: release now, or prepare and release later.
import { useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { answer, merge, releaseAnswer, type Moderation, type Question } from '../api/events.ts';
import { Content } from './content.tsx';
import { asker } from './event-question.tsx';
import { QuestionTranslation } from './question-translation.tsx';

interface Props {
  question: Question;
  /** the others it may be merged into */
  others: Question[];
  canAnswer: boolean;
  /** the answered question it follows up, if any (a briefing's follow-up) */
  followed?: Question | undefined;
  composer: RefObject<HTMLTextAreaElement | null>;
  put: (question: Question) => void;
  onAction: (action: Moderation) => void;
}

/** Which moderation each state allows. */
export const allowed = (q: Question, action: Moderation) => (action === 'approve' ? q.state === 'pending' || q.state === 'hidden' : action === 'hide' ? q.state !== 'hidden' : q.state === 'approved');

export function ConsoleDetail({ question, others, followed, canAnswer, composer, put, onAction }: Props) {
  const { t } = useTranslation();
  const [into, setInto] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = (work: Promise<Question>) => {
    setError(null);
    work.then(put).catch((failure: unknown) => setError(failure instanceof ApiError ? failure.message : t('errors.network')));
  };
  const doMerge = () => {
    if (!into) return;
    run(
      merge(question, into).then((kept) => {
        put({ ...question, state: 'merged' });
        return kept;
      }),
    );
  };
  return (
    <section className="console-detail" aria-labelledby="detail-title">
      <h2 className="section-title" id="detail-title">
        {t('events.selected', { name: asker(question) })}
      </h2>
      {question.follow_up_of_id && (
        <p className="follow-up-of muted">
          {t('events.followUpTo', { name: followed ? asker(followed) : '…' })}
          {followed && <q dir="auto">{followed.text.slice(0, 120)}</q>}
        </p>
      )}
      <Content className="question-text" html={question.content} lang={question.language} />
      {/* Keys apart from the answer composer's: siblings with one key confuse React's reconciling. */}
      <QuestionTranslation key={`translation-${question.id}`} question={question} />
      <p className="muted">
        {t(`events.states.${question.state}`)} · {t('events.votes', { count: question.votes_count })}
      </p>
      <div className="console-actions">
        {(['approve', 'hide', 'answered'] as const).map((action) => (
          <button key={action} type="button" className="button secondary" disabled={!allowed(question, action)} onClick={() => onAction(action)}>
            {t(`events.actions.${action}`)}
          </button>
        ))}
      </div>
      {others.length > 0 && (
        <div className="merge-row">
          <label htmlFor="merge-into">{t('events.mergeInto')}</label>
          <select id="merge-into" className="select" value={into} onChange={(e) => setInto(e.target.value)}>
            <option value="">{t('events.mergeChoose')}</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.text.slice(0, 60)}
              </option>
            ))}
          </select>
          <button type="button" className="button secondary" disabled={!into} onClick={doMerge}>
            {t('events.actions.merge')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {canAnswer && <AnswerComposer key={question.id} question={question} composer={composer} run={run} />}
    </section>
  );
}

function AnswerComposer({ question, composer, run }: { question: Question; composer: Props['composer']; run: (work: Promise<Question>) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const prepared = question.answer && !question.answer.released ? question.answer : null;
  const send = (release: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    if (!text.trim()) return;
    run(answer(question, text.trim(), release));
    setText('');
  };
  if (question.answer?.released)
    return (
      <section className="answer" aria-label={t('events.answer')}>
        <p className="answer-label">{t('events.answer')}</p>
        <Content className="answer-text" html={question.answer.content} />
      </section>
    );
  return (
    <form className="form answer-form" onSubmit={send(true)}>
      {prepared && (
        <div className="prepared">
          <p className="answer-label">{t('events.prepared')}</p>
          <p dir="auto">{prepared.draft}</p>
          <button type="button" className="button" onClick={() => run(releaseAnswer(question))}>
            {t('events.release')}
          </button>
        </div>
      )}
      <div className="field">
        <label htmlFor="answer-text">{t('events.yourAnswer')}</label>
        <textarea id="answer-text" ref={composer} className="input" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="console-actions">
        <button type="submit" className="button" disabled={!text.trim()}>
          {t('events.releaseNow')}
        </button>
        <button type="button" className="button secondary" disabled={!text.trim()} onClick={send(false)}>
          {t('events.prepare')}
        </button>
      </div>
    </form>
  );
}
