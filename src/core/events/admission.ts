// Whether an account may ask a question in an event now: one rule for questions asked through the
// API and for posts arriving from any server (which are then simply not taken).
import type { Db, DbOrTx } from '../../store/db.ts';
import type { EventRow } from '../../store/events/events.ts';
import { askedSince } from '../../store/events/questions.ts';
import type { EventRole } from '../../store/schema/index.ts';
import { CoreError, ForbiddenError, RateLimitedError, ValidationError } from '../errors.ts';
import type { Relations } from '../relations/service.ts';
import { stateOf } from './deps.ts';

/** Questions one account may ask one event in a minute. */
export const QUESTIONS_PER_MINUTE = 5;

const invalid = (description: string) => new ValidationError({ base: [{ error: 'ERR_INVALID', description }] });

/** The reason the account may not ask, as the error the API answers with; null when it may. */
export async function refusal(deps: { db: Db | DbOrTx; relations: Relations }, event: EventRow, askerId: string, role: EventRole | null, now = new Date()): Promise<CoreError | null> {
  if (event.kind === 'coverage') return invalid('This event takes no questions');
  if (stateOf(event, now) === 'ended') return invalid('This event has ended: it takes no more questions');
  if (event.kind === 'briefing' && role !== 'participant') return new ForbiddenError('Only accredited participants may ask in this briefing');
  if (role === 'host' || role === 'cohost') return new ForbiddenError('Hosts answer questions; they do not ask them');
  const relation = await deps.relations.viewerContext(event.accountId, [askerId]);
  if (relation.blocking.has(askerId) || relation.domainBlocking.has(askerId) || relation.blockedBy.has(askerId)) return new ForbiddenError('This action is not allowed');
  if ((await askedSince(deps.db, event.id, askerId, new Date(now.getTime() - 60_000))) >= QUESTIONS_PER_MINUTE) {
    return new RateLimitedError(`At most ${QUESTIONS_PER_MINUTE} questions a minute`);
  }
  return null;
}
