// What the event verbs share: their dependencies, the views they return, and the rules of who may
// do what and when an event takes questions.
import type { Db } from '../../store/db.ts';
import { eventById, roleIn, type EventRow } from '../../store/events/events.ts';
import type { EventAnswerRow, EventQuestionRow } from '../../store/events/questions.ts';
import type { EventHandRow, EventRole } from '../../store/schema/index.ts';
import type { Account, User } from '../accounts/service.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { isId, type IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import type { Statuses } from '../statuses/service.ts';
import type { StatusViews } from '../statuses/views.ts';
import type { EventLive } from './live.ts';

export interface EventsDeps {
  db: Db;
  ids: IdGenerator;
  jobs: Jobs;
  statuses: Statuses;
  views: StatusViews;
  live: EventLive;
}

/** Who acts: a signed-in user and their account (answers and announcements are their posts). */
export interface Actor {
  account: Account;
  user: User;
}

export type EventState = 'upcoming' | 'live' | 'ended';

export interface EventView {
  event: EventRow;
  state: EventState;
  questionsCount: number;
  answeredCount: number;
  /** the viewer's role, null for the audience or without a viewer */
  role: EventRole | null;
  /** the viewer's own raised hand (an accredited participant's, in a briefing) */
  hand: EventHandRow | null;
}

export interface QuestionView {
  question: EventQuestionRow;
  answer: EventAnswerRow | null;
  /** whether the viewer voted for it; null without a viewer */
  voted: boolean | null;
}

export const STAFF: readonly EventRole[] = ['host', 'cohost', 'moderator'];
/** Those who answer, post updates and edit the event. */
export const HOSTS: readonly EventRole[] = ['host', 'cohost'];

export const isStaff = (role: EventRole | null): boolean => role !== null && STAFF.includes(role);

export function stateOf(event: Pick<EventRow, 'startsAt' | 'endsAt' | 'endedAt'>, now = new Date()): EventState {
  if ((event.endedAt && event.endedAt <= now) || event.endsAt <= now) return 'ended';
  return event.startsAt > now ? 'upcoming' : 'live';
}

/** The event of this id, and the viewer's role in it; not found otherwise. */
export async function eventAndRole(db: Db, id: string, viewerId: string | null): Promise<{ event: EventRow; role: EventRole | null }> {
  const event = isId(id) ? await eventById(db, id) : undefined;
  if (!event) throw new NotFoundError();
  return { event, role: await roleIn(db, event, viewerId) };
}

/** As eventAndRole, refusing anyone whose role is not among those given. */
export async function eventFor(db: Db, id: string, viewerId: string, roles: readonly EventRole[]): Promise<{ event: EventRow; role: EventRole }> {
  const { event, role } = await eventAndRole(db, id, viewerId);
  if (!role || !roles.includes(role)) throw new ForbiddenError(roles.includes('moderator') ? 'Only the event’s hosts and moderators may do this' : 'Only the event’s hosts may do this');
  return { event, role };
}
