// One question as the audience sees it: who asked, what, its votes (a toggle for the signed-in),
// and, once answered, the answer under it.
import { useTranslation } from 'react-i18next';
import type { Question } from '../api/events.ts';
import { useFormat } from '../i18n/format.ts';
import { Content } from './content.tsx';

interface Props {
  question: Question;
  /** absent: the votes are shown, not given (signed out, the event ended, the host's preview) */
  onVote?: ((question: Question) => void) | undefined;
}

export function asker(question: Question): string {
  const a = question.account;
  return a ? a.display_name.trim() || a.username : '?';
}

export function QuestionCard({ question, onVote }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const answer = question.answer?.released ? question.answer : null;
  const headingId = `question-${question.id}-asker`;
  return (
    <article className={`question${answer ? ' answered' : ''}`} aria-labelledby={headingId} data-question-id={question.id}>
      <header className="question-header">
        {question.account && <img className="avatar" src={question.account.avatar} alt="" width={32} height={32} loading="lazy" />}
        <span className="names">
          <bdi className="display-name" id={headingId}>
            {asker(question)}
          </bdi>
          <span className="acct">@{question.account?.acct}</span>
        </span>
        <time className="status-time" dateTime={question.created_at}>
          {format.relative(question.created_at)}
        </time>
      </header>
      <Content className="question-text" html={question.content} lang={question.language} />
      <div className="question-footer">
        {onVote ? (
          <button type="button" className={`chip vote${question.voted ? ' voted' : ''}`} aria-pressed={Boolean(question.voted)} onClick={() => onVote(question)}>
            <span aria-hidden="true">▲</span> {t('events.vote')} <span className="vote-count">{format.number(question.votes_count)}</span>
          </button>
        ) : (
          <span className="vote-count muted">{t('events.votes', { count: question.votes_count })}</span>
        )}
        {question.language && <span className="muted">{format.languageName(question.language)}</span>}
      </div>
      {answer && (
        <section className="answer" aria-label={t('events.answerOf', { name: asker(question) })}>
          <p className="answer-label">{t('events.answer')}</p>
          <Content className="answer-text" html={answer.content} />
        </section>
      )}
    </article>
  );
}

/** The approved and answered questions, most votes first. */
export function QuestionList({ questions, onVote, label }: { questions: Question[]; onVote?: Props['onVote']; label: string }) {
  const { t } = useTranslation();
  if (questions.length === 0) return <p className="empty">{t('events.noQuestions')}</p>;
  return (
    <ul className="questions" aria-label={label}>
      {questions.map((q) => (
        <li key={q.id}>
          <QuestionCard question={q} onVote={onVote} />
        </li>
      ))}
    </ul>
  );
}
