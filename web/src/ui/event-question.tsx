// One question as the audience sees it: who asked, what, its votes (a toggle for the signed-in),
// and, once answered, the answer under it; a briefing's follow-ups are listed under it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question } from '../api/events.ts';
import { useFormat } from '../i18n/format.ts';
import { Content } from './content.tsx';
import { threads, type Thread } from './question-list.ts';

interface Props {
  question: Question;
  /** absent: the votes are shown, not given (signed out, the event ended, the host's preview) */
  onVote?: ((question: Question) => void) | undefined;
  /** what else the viewer may do with it (a briefing's follow-up), under the answer */
  more?: ((question: Question) => ReactNode) | undefined;
}

export function asker(question: Question): string {
  const a = question.account;
  return a ? a.display_name.trim() || a.username : '?';
}

export function QuestionCard({ question, onVote, more }: Props) {
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
      {more?.(question)}
    </article>
  );
}

function ThreadItem({ thread, onVote, more }: { thread: Thread } & Omit<Props, 'question'>) {
  const { t } = useTranslation();
  return (
    <li>
      <QuestionCard question={thread.question} onVote={onVote} more={more} />
      {thread.followUps.length > 0 && (
        <ul className="follow-ups" aria-label={t('events.followUpsTo', { name: asker(thread.question) })}>
          {thread.followUps.map((f) => (
            <ThreadItem key={f.question.id} thread={f} onVote={onVote} more={more} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The approved and answered questions in the order given, each follow-up under the question it follows. */
export function QuestionList({ questions, onVote, more, label }: { questions: Question[]; label: string } & Omit<Props, 'question'>) {
  const { t } = useTranslation();
  if (questions.length === 0) return <p className="empty">{t('events.noQuestions')}</p>;
  return (
    <ul className="questions" aria-label={label}>
      {threads(questions).map((thread) => (
        <ThreadItem key={thread.question.id} thread={thread} onVote={onVote} more={more} />
      ))}
    </ul>
  );
}
