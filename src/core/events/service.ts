// Live events (see docs/events.md): Q&A, press briefings and live coverage, with questions from
// any server. One file per verb.
import type { Bus } from '../../infra/bus.ts';
import { createAnswer } from './answer.ts';
import { createAsk } from './ask.ts';
import { createEventLifecycle } from './create.ts';
import type { EventsDeps } from './deps.ts';
import { createIntake } from './intake.ts';
import { createEventLive } from './live.ts';
import { createModerate } from './moderate.ts';
import { createParticipants } from './participants.ts';
import { createEventReads } from './read.ts';
import { createVote } from './vote.ts';

export type { Actor, EventState, EventView, QuestionView } from './deps.ts';
export { isStaff } from './deps.ts';
export type { EventInput, EventChanges } from './create.ts';
export { eventUrl } from './create.ts';
export type { Moderation } from './moderate.ts';

export function createEvents(given: Omit<EventsDeps, 'live'> & { bus: Bus; origin: string }) {
  const live = createEventLive({ db: given.db, bus: given.bus });
  const deps: EventsDeps = { ...given, live };
  return {
    ...createEventLifecycle({ ...deps, origin: given.origin }),
    ...createEventReads(deps),
    ...createAsk(deps),
    ...createVote(deps),
    ...createModerate(deps),
    ...createAnswer(deps),
    ...createParticipants(deps),
    ...createIntake(deps),
    /** the 'event.moment' job: the event started or ended */
    moment: (eventId: string) => live.eventChanged(eventId),
    /** vote counts not yet sent to screens, sent now */
    flushLive: () => live.flush(),
  };
}

export type Events = ReturnType<typeof createEvents>;
