// Moderators approve, hide and merge questions, and mark them answered (answered live, without a
// post). Each change is made on the locked question, and the screens hear it once committed.
import { lockQuestion, moveVotes, updateQuestion, type EventQuestionRow, type QuestionState } from '../../store/events/questions.ts';
import { invalid, NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { type Actor, eventFor, type EventsDeps, STAFF } from './deps.ts';
import { isPublicState } from './live.ts';

export type Moderation = 'approve' | 'hide' | 'answered';

const TARGET: Record<Moderation, QuestionState> = { approve: 'approved', hide: 'hidden', answered: 'answered' };

export function createModerate(deps: EventsDeps) {
  const { db, live } = deps;

  /** The question, locked in the transaction, when it belongs to the event and was not withdrawn or merged. */
  async function locked(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], eventId: string, questionId: string): Promise<EventQuestionRow> {
    const question = isId(questionId) ? await lockQuestion(tx, questionId) : undefined;
    if (!question || question.eventId !== eventId) throw new NotFoundError();
    if (question.state === 'withdrawn' || question.state === 'merged') throw invalid(`This question was ${question.state}`);
    return question;
  }

  return {
    async moderate(actor: Actor, eventId: string, questionId: string, action: Moderation): Promise<EventQuestionRow> {
      const { event } = await eventFor(db, eventId, actor.account.id, STAFF);
      const [before, after] = await db.transaction(async (tx) => {
        const question = await locked(tx, event.id, questionId);
        const state = TARGET[action];
        // Approving an answered question keeps it answered.
        if (action === 'approve' && question.state === 'answered') return [question, question];
        return [question, await updateQuestion(tx, question.id, { state, ...(action === 'answered' ? { answeredAt: question.answeredAt ?? new Date() } : {}) })];
      });
      if (before.state !== after.state) await live.questionChanged(event.id, after.id, after.state, isPublicState(before.state));
      return after;
    },

    /** Merges a duplicate into the question kept: its votes move there (a voter of both counts once). */
    async merge(actor: Actor, eventId: string, questionId: string, intoId: string): Promise<EventQuestionRow> {
      const { event } = await eventFor(db, eventId, actor.account.id, STAFF);
      if (questionId === intoId) throw invalid('A question cannot be merged into itself');
      const [before, kept] = await db.transaction(async (tx) => {
        // Locked in id order, so that two merges of the same pair never wait on each other.
        const [first, second] = [questionId, intoId].sort();
        const a = await locked(tx, event.id, first!);
        const b = await locked(tx, event.id, second!);
        const [from, into] = a.id === questionId ? [a, b] : [b, a];
        await moveVotes(tx, from.id, into.id);
        await updateQuestion(tx, from.id, { state: 'merged', mergedIntoId: into.id });
        return [from, await lockQuestion(tx, into.id)] as const;
      });
      await live.questionChanged(event.id, before.id, 'merged', isPublicState(before.state));
      await live.questionChanged(event.id, kept!.id, kept!.state, isPublicState(kept!.state));
      live.votesChanged(event.id, kept!.id);
      return kept!;
    },
  };
}
