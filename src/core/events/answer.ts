// A host answers a question: a post replying to it that mentions its author, so the asker's own app
// (on any server) shows the answer. An answer can be prepared and released later. A host's reply to
// a question made from any app counts as its answer too (see intake), which also makes an answer
// whose post was written before a crash, but not recorded, recorded when fan-out reads the post.
import type { Tx } from '../../store/db.ts';
import type { VersionInput } from '../statuses/versions.ts';
import { answersOf, lockQuestion, questionById, saveAnswer, updateQuestion, type EventQuestionRow } from '../../store/events/questions.ts';
import { invalid, NotFoundError, ValidationError } from '../errors.ts';
import { isId } from '../ids.ts';
import { type Actor, eventFor, type EventsDeps, HOSTS } from './deps.ts';
import { isPublicState } from './live.ts';

export interface AnswerInput {
  text: string;
  language?: string | null | undefined;
  mediaIds?: readonly string[] | undefined;
  /** the answer in other languages (an embassy answers in each of its audience's) */
  versions?: readonly VersionInput[] | undefined;
  /** false: kept until a host releases it (default true) */
  release?: boolean | undefined;
}

/** Records a released answer on the question (once: a second record of the same post changes nothing). */
export async function recordAnswer(tx: Tx, question: EventQuestionRow, accountId: string, statusId: string): Promise<{ before: EventQuestionRow; after: EventQuestionRow } | null> {
  const current = await lockQuestion(tx, question.id);
  if (!current || current.state === 'withdrawn' || current.state === 'merged') return null;
  const existing = (await answersOf(tx, [current.id])).get(current.id);
  if (existing?.statusId === statusId) return null;
  const now = new Date();
  await saveAnswer(tx, { questionId: current.id, accountId, statusId, draft: null, releasedAt: now });
  return { before: current, after: await updateQuestion(tx, current.id, { state: 'answered', answeredAt: current.answeredAt ?? now }) };
}

export function createAnswer(deps: EventsDeps) {
  const { db, statuses, live } = deps;

  async function answerable(actor: Actor, eventId: string, questionId: string): Promise<EventQuestionRow> {
    const { event } = await eventFor(db, eventId, actor.account.id, HOSTS);
    const question = isId(questionId) ? await questionById(db, questionId) : undefined;
    if (!question || question.eventId !== event.id) throw new NotFoundError();
    if (!['pending', 'approved', 'answered'].includes(question.state)) throw invalid(`This question was ${question.state}`);
    return question;
  }

  /** Posts the answer as a reply mentioning the asker, and records it. */
  async function publish(actor: Actor, question: EventQuestionRow, input: Omit<AnswerInput, 'release'>): Promise<EventQuestionRow> {
    const asked = await statuses.get(actor.account.id, question.statusId);
    if (!asked) throw invalid('The question’s post is gone');
    const acct = asked.account.account.domain ? `${asked.account.account.username}@${asked.account.account.domain}` : asked.account.account.username;
    const mention = `@${acct}`;
    const text = input.text.includes(mention) ? input.text : `${mention} ${input.text}`;
    // Each version names the asker too: readers of any language see whom it answers.
    const versions = input.versions?.map((v) => ({ ...v, text: v.text.includes(mention) ? v.text : `${mention} ${v.text}` }));
    const posted = await statuses.post(actor.account, actor.user, { text, language: input.language ?? null, mediaIds: input.mediaIds, inReplyToId: question.statusId, visibility: 'public', versions });
    const recorded = await db.transaction((tx) => recordAnswer(tx, question, actor.account.id, posted.status.id));
    if (recorded) await live.questionChanged(question.eventId, question.id, recorded.after.state, isPublicState(recorded.before.state));
    return recorded?.after ?? (await questionById(db, question.id))!;
  }

  return {
    async answer(actor: Actor, eventId: string, questionId: string, input: AnswerInput): Promise<EventQuestionRow> {
      const question = await answerable(actor, eventId, questionId);
      if (!input.text.trim() && (input.mediaIds?.length ?? 0) === 0) throw new ValidationError({ status: [{ error: 'ERR_BLANK', description: "can't be blank" }] });
      if (input.release !== false) return publish(actor, question, input);
      const released = (await answersOf(db, [question.id])).get(question.id)?.statusId;
      if (released) throw invalid('This question has been answered');
      await saveAnswer(db, {
        questionId: question.id,
        accountId: actor.account.id,
        statusId: null,
        draft: { text: input.text, language: input.language ?? null, mediaIds: [...(input.mediaIds ?? [])], versions: input.versions?.map((v) => ({ ...v })) },
      });
      return question;
    },

    /** Releases a prepared answer: posted now, as written. */
    async release(actor: Actor, eventId: string, questionId: string): Promise<EventQuestionRow> {
      const question = await answerable(actor, eventId, questionId);
      const answer = (await answersOf(db, [question.id])).get(question.id);
      if (!answer?.draft) throw invalid(answer?.statusId ? 'This answer was released already' : 'This question has no prepared answer');
      return publish(actor, question, answer.draft);
    },
  };
}
