// Someone asks a question through the API (the web app, or any client knowing events), or takes
// one back. A question is a post replying to the announcement (a briefing's follow-up replies to the
// answer it follows), so it looks the same as one asked from another server's app.
import { roleIn } from '../../store/events/events.ts';
import { eventQuestions } from '../../store/schema/index.ts';
import { answersOf, questionById, questionByStatus, updateQuestion, type EventQuestionRow } from '../../store/events/questions.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { isId } from '../ids.ts';
import { refusal, standingOf } from './admission.ts';
import { type Actor, eventAndRole, type EventsDeps } from './deps.ts';
import { isPublicState } from './live.ts';

export interface AskInput {
  text: string;
  language?: string | null | undefined;
  /** a briefing's follow-up: the answered question it follows */
  followUpOf?: string | undefined;
}

export function createAsk(deps: EventsDeps) {
  const { db, ids, statuses, live } = deps;

  /** The answered question a follow-up follows, and the post it replies to (the answer). */
  async function followed(eventId: string, kind: string, questionId: string): Promise<{ question: EventQuestionRow; answerStatusId: string }> {
    if (kind !== 'briefing') throw new ValidationError({ follow_up_of: [{ error: 'ERR_INVALID', description: 'is only for briefings' }] });
    const question = isId(questionId) ? await questionById(db, questionId) : undefined;
    const answer = question && question.eventId === eventId ? (await answersOf(db, [question.id])).get(question.id) : undefined;
    if (!question || !answer?.statusId) throw new ValidationError({ follow_up_of: [{ error: 'ERR_INVALID', description: 'is not an answered question of this event' }] });
    return { question, answerStatusId: answer.statusId };
  }

  return {
    async ask(actor: Actor, eventId: string, input: AskInput): Promise<EventQuestionRow> {
      const standing = await standingOf(db, eventId, actor.account.id);
      if (!standing) throw new NotFoundError();
      const refused = refusal(standing);
      if (refused) throw refused;
      const { event } = standing;
      const follow = input.followUpOf ? await followed(event.id, event.kind, input.followUpOf) : undefined;
      if (!input.text.trim()) throw new ValidationError({ text: [{ error: 'ERR_BLANK', description: "can't be blank" }] });
      const written: { question?: EventQuestionRow } = {};
      // The question is written with its post, in the statement posts share: fan-out's intake,
      // reading the post once committed, finds it taken (and never races this request to make it).
      const posted = await statuses.postRow(actor.account, actor.user, {
        text: input.text,
        language: input.language ?? null,
        visibility: 'unlisted',
        inReplyToId: follow?.answerStatusId ?? event.statusId ?? undefined,
        companions: (row) => {
          const question: EventQuestionRow = {
            id: ids(),
            eventId: event.id,
            statusId: row.id,
            accountId: actor.account.id,
            language: row.language,
            state: event.premoderated ? 'pending' : 'approved',
            votesCount: 0,
            mergedIntoId: null,
            followUpOfId: follow?.question.id ?? null,
            createdAt: row.createdAt,
            answeredAt: null,
          };
          written.question = question;
          return [{ table: eventQuestions, row: question }];
        },
      });
      const { question } = written;
      // The ask gives no idempotency key: its post is always a new one, made with the question.
      if (!question) throw new Error(`status ${posted.id} was posted without its question`);
      await live.questionChanged(event.id, question.id, question.state, false);
      return question;
    },

    /** Its author takes a question back: gone from every screen, and its post deleted. */
    async withdraw(actor: Actor, eventId: string, questionId: string): Promise<void> {
      const question = isId(questionId) ? await questionById(db, questionId) : undefined;
      if (!question || question.eventId !== eventId) throw new NotFoundError();
      if (question.accountId !== actor.account.id) throw new ForbiddenError('Only its author may withdraw a question');
      if (question.state === 'withdrawn') return;
      await updateQuestion(db, question.id, { state: 'withdrawn' });
      await live.questionChanged(eventId, question.id, 'withdrawn', isPublicState(question.state));
      await statuses.remove(actor.account, question.statusId).catch((error: unknown) => {
        if (!(error instanceof NotFoundError)) throw error;
      });
    },

    /** A post was deleted (here or on its server): a question it asked is withdrawn. */
    async statusRemoved(statusId: string): Promise<void> {
      const question = await questionByStatus(db, statusId);
      if (!question || question.state === 'withdrawn') return;
      await updateQuestion(db, question.id, { state: 'withdrawn' });
      await live.questionChanged(question.eventId, question.id, 'withdrawn', isPublicState(question.state));
    },

    roleOf: async (eventId: string, accountId: string | null) => {
      const { event } = await eventAndRole(db, eventId, null);
      return roleIn(db, event, accountId);
    },
  };
}
