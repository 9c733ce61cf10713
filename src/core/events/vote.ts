// The audience votes questions up: one vote per account, counted exactly in the statement that
// writes it (votes arriving together share one: vote-writer); open screens hear the new counts
// together, a few times a second.
import { questionById, removeVote, type EventQuestionRow } from '../../store/events/questions.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { isId } from '../ids.ts';
import { type Actor, eventAndRole, type EventsDeps, isStaff, stateOf } from './deps.ts';
import { isPublicState } from './live.ts';
import { createGroupedVoteWriter } from './vote-writer.ts';

export function createVote(deps: EventsDeps) {
  const { db, live } = deps;
  // Votes arriving together share one statement (see vote-writer).
  const votes = createGroupedVoteWriter(db);

  /** A question the account may vote on: one the audience sees, of an event that has not ended. */
  async function votable(actor: Actor, eventId: string, questionId: string): Promise<EventQuestionRow> {
    const { event, role } = await eventAndRole(db, eventId, actor.account.id);
    const question = isId(questionId) ? await questionById(db, questionId) : undefined;
    // A question the voter cannot see is not found (hidden, pending, or another event's).
    if (!question || question.eventId !== event.id || !(isPublicState(question.state) || isStaff(role))) throw new NotFoundError();
    if (!isPublicState(question.state)) throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'Only approved questions take votes' }] });
    if (stateOf(event) === 'ended') throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'This event has ended: it takes no more votes' }] });
    return question;
  }

  return {
    async vote(actor: Actor, eventId: string, questionId: string): Promise<EventQuestionRow> {
      const question = await votable(actor, eventId, questionId);
      const count = await votes.add(question.id, actor.account.id);
      if (count === null) throw new ValidationError({ base: [{ error: 'ERR_TAKEN', description: 'You have already voted for this question' }] });
      live.votesChanged(question.eventId, question.id);
      return { ...question, votesCount: count };
    },

    async unvote(actor: Actor, eventId: string, questionId: string): Promise<EventQuestionRow> {
      const question = await votable(actor, eventId, questionId);
      const count = await db.transaction((tx) => removeVote(tx, question.id, actor.account.id));
      if (count === null) throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'You have not voted for this question' }] });
      live.votesChanged(question.eventId, question.id);
      return { ...question, votesCount: count };
    },
  };
}
