// Reading events and their questions: what the viewer's role lets them see. The audience sees
// approved and answered questions and released answers; the staff see every state and prepared
// answers; an asker sees their own questions whatever their state.
import type { Db } from '../../store/db.ts';
import { listEvents, rolesIn, type EventRow, type EventWhen } from '../../store/events/events.ts';
import { handsOfAccount } from '../../store/events/hands.ts';
import { answersOf, questionById, questionCounts, questionsOf, votedOf, type EventQuestionRow, type QuestionOrder } from '../../store/events/questions.ts';
import type { EventRole, QuestionState } from '../../store/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { type Actor, eventAndRole, eventFor, type EventsDeps, type EventView, isStaff, type QuestionView, STAFF, stateOf } from './deps.ts';
import { isPublicState, PUBLIC_STATES } from './live.ts';

export interface QuestionQuery {
  states?: readonly QuestionState[] | undefined;
  language?: string | undefined;
  order?: QuestionOrder | undefined;
  limit: number;
  offset?: number | undefined;
  maxId?: string | undefined;
}

const ALL_STATES: readonly QuestionState[] = ['pending', 'approved', 'answered', 'hidden', 'withdrawn', 'merged'];

/** Events as this viewer sees them: their state, counts, and the viewer's role and own hand (a page of events in three statements). */
async function eventViews(db: Db, rows: EventRow[], viewerId: string | null): Promise<EventView[]> {
  const ids = rows.map((r) => r.id);
  const [counts, roles] = await Promise.all([questionCounts(db, ids), rolesIn(db, rows, viewerId)]);
  const participating = ids.filter((id) => roles.get(id) === 'participant');
  const hands = viewerId ? await handsOfAccount(db, participating, viewerId) : new Map();
  const now = new Date();
  return rows.map((event) => ({
    event,
    state: stateOf(event, now),
    questionsCount: counts.get(event.id)?.questions ?? 0,
    answeredCount: counts.get(event.id)?.answered ?? 0,
    role: roles.get(event.id) ?? null,
    hand: hands.get(event.id) ?? null,
  }));
}

export function createEventReads(deps: EventsDeps) {
  const { db } = deps;

  /** Questions as this viewer sees them: released answers only, unless they host. */
  async function questionViews(rows: EventQuestionRow[], viewerId: string | null, role: EventRole | null): Promise<QuestionView[]> {
    const ids = rows.map((q) => q.id);
    const [answers, voted] = await Promise.all([answersOf(db, ids), viewerId ? votedOf(db, viewerId, ids) : null]);
    const drafts = role === 'host' || role === 'cohost';
    return rows.map((question) => {
      const answer = answers.get(question.id) ?? null;
      return { question, answer: answer && (answer.statusId || drafts) ? answer : null, voted: voted ? voted.has(question.id) : null };
    });
  }

  /** Every question of an event in the archive's order, with released answers (for the page and the export). */
  async function archive(eventId: string, withUnanswered: boolean): Promise<{ event: EventView; answered: QuestionView[]; unanswered: QuestionView[] }> {
    const { event } = await eventAndRole(db, eventId, null);
    const answeredRows = await questionsOf(db, { eventId: event.id, states: ['answered'], order: 'answered', limit: 10_000, offset: 0 });
    const unansweredRows = withUnanswered ? await questionsOf(db, { eventId: event.id, states: ['pending', 'approved', 'hidden'], order: 'top', limit: 10_000, offset: 0 }) : [];
    const [view] = await eventViews(db, [event], null);
    return { event: view!, answered: await questionViews(answeredRows, null, null), unanswered: await questionViews(unansweredRows, null, 'host') };
  }

  return {
    async event(viewerId: string | null, id: string): Promise<EventView> {
      const { event } = await eventAndRole(db, id, viewerId);
      return (await eventViews(db, [event], viewerId))[0]!;
    },

    async events(viewerId: string | null, filter: { accountId?: string | undefined; when?: EventWhen | undefined; maxId?: string | undefined; limit: number }): Promise<EventView[]> {
      if (filter.accountId && !isId(filter.accountId)) return [];
      return eventViews(db, await listEvents(db, filter), viewerId);
    },

    archive,

    /** An event's questions; the audience asking for other states gets those it may see. */
    async questions(viewerId: string | null, eventId: string, query: QuestionQuery): Promise<{ event: EventRow; role: EventRole | null; items: QuestionView[] }> {
      const { event, role } = await eventAndRole(db, eventId, viewerId);
      const allowed = isStaff(role) ? ALL_STATES : PUBLIC_STATES;
      const asked =
        query.states && query.states.length > 0 ? query.states.filter((s) => allowed.includes(s)) : isStaff(role) ? ALL_STATES.filter((s) => s !== 'withdrawn' && s !== 'merged') : PUBLIC_STATES;
      const rows = await questionsOf(db, {
        eventId: event.id,
        states: asked,
        language: query.language,
        order: query.order ?? 'top',
        limit: query.limit,
        offset: query.offset ?? 0,
        maxId: query.maxId,
      });
      return { event, role, items: await questionViews(rows, viewerId, role) };
    },

    /** One question, if the viewer may see it (its author always may). */
    async question(viewerId: string | null, eventId: string, questionId: string): Promise<QuestionView> {
      const { event, role } = await eventAndRole(db, eventId, viewerId);
      const row = isId(questionId) ? await questionById(db, questionId) : undefined;
      if (!row || row.eventId !== event.id) throw new NotFoundError();
      if (!isPublicState(row.state) && !isStaff(role) && row.accountId !== viewerId) throw new NotFoundError();
      return (await questionViews([row], viewerId, role))[0]!;
    },

    /** Questions as everyone may see them (for the streams, rendered once for every listener). */
    async questionsForAudience(questionIds: readonly string[]): Promise<QuestionView[]> {
      const rows = (await Promise.all(questionIds.filter(isId).map((id) => questionById(db, id)))).filter((q): q is EventQuestionRow => q !== undefined);
      return questionViews(rows, null, null);
    },

    /** The whole archive, unanswered questions too, for the event's staff (its export). */
    async exportArchive(actor: Actor, eventId: string): Promise<{ event: EventView; answered: QuestionView[]; unanswered: QuestionView[] }> {
      await eventFor(db, eventId, actor.account.id, STAFF);
      return archive(eventId, true);
    },
  };
}
