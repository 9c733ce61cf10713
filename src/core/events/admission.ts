// Whether an account may ask a question in an event now: one rule for questions asked through the
// API and for posts arriving from any server (which are then simply not taken).
import type { DbOrTx } from '../../store/db.ts';
import { askerStanding, type AskerStanding } from '../../store/events/standing.ts';
import { CoreError, ForbiddenError, invalid, RateLimitedError } from '../errors.ts';
import { isId } from '../ids.ts';
import { stateOf } from './deps.ts';

/** Questions one account may ask one event in a minute. */
export const QUESTIONS_PER_MINUTE = 5;
const MINUTE_MS = 60_000;

/** What the rule reads of the event and the asker, now (one statement); undefined without such an event. */
export async function standingOf(db: DbOrTx, eventId: string, askerId: string, now = new Date()): Promise<AskerStanding | undefined> {
  return isId(eventId) ? askerStanding(db, eventId, askerId, new Date(now.getTime() - MINUTE_MS)) : undefined;
}

/** The reason the account may not ask, as the error the API answers with; null when it may. */
export function refusal(standing: AskerStanding, now = new Date()): CoreError | null {
  const { event, role } = standing;
  if (event.kind === 'coverage') return invalid('This event takes no questions');
  if (stateOf(event, now) === 'ended') return invalid('This event has ended: it takes no more questions');
  if (event.kind === 'briefing' && role !== 'participant') return new ForbiddenError('Only accredited participants may ask in this briefing');
  if (role === 'host' || role === 'cohost') return new ForbiddenError('Hosts answer questions; they do not ask them');
  if (standing.blocked) return new ForbiddenError('This action is not allowed');
  if (standing.askedSince >= QUESTIONS_PER_MINUTE) return new RateLimitedError(`At most ${QUESTIONS_PER_MINUTE} questions a minute`);
  return null;
}
