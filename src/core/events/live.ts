// What an event's open screens hear, and who hears it: the audience's channel carries what the
// audience may see (approved and answered questions), the staff's channel everything. Messages are
// small (ids); the streaming door renders each once for all its listeners. Vote counts are sent
// together, at most every VOTES_EVERY_MS per event and process: a burst of votes is one message.
import type { Bus } from '../../infra/bus.ts';
import type { Db } from '../../store/db.ts';
import { voteCounts } from '../../store/events/questions.ts';
import type { QuestionState } from '../../store/schema/index.ts';
import { channel, type LiveMessage } from '../live.ts';

const VOTES_EVERY_MS = 250;

/** States the audience sees a question in. */
export const PUBLIC_STATES: readonly QuestionState[] = ['approved', 'answered'];
export const isPublicState = (state: QuestionState): boolean => PUBLIC_STATES.includes(state);

export function createEventLive(deps: { db: Db; bus: Bus }) {
  const { db, bus } = deps;
  /** event id → questions whose counts changed since the last message */
  const pendingVotes = new Map<string, Set<string>>();
  let timer: NodeJS.Timeout | undefined;
  // Each change is a new message: streams keep encoded frames by message (see streaming/delivery),
  // and a question's next state must never be served from its previous one's frame.
  let sequence = 0;
  const version = () => Date.now() * 1000 + (sequence++ % 1000);

  const both = (eventId: string) => [channel.event(eventId), channel.eventStaff(eventId)];
  const publish = (channels: string[], message: LiveMessage) => {
    const json = JSON.stringify(message);
    return bus.publishMany(channels.map((c) => [c, json] as const));
  };

  async function flushVotes(): Promise<void> {
    timer = undefined;
    const batch = [...pendingVotes];
    pendingVotes.clear();
    for (const [eventId, ids] of batch) {
      const counts = Object.fromEntries(await voteCounts(db, [...ids]));
      await publish(both(eventId), { event: 'event.votes', id: eventId, counts, version: version() });
    }
  }

  return {
    /**
     * A question is new or changed: the staff hear it as it is; the audience hear it while they may
     * see it, and that it is gone when they no longer may.
     */
    async questionChanged(eventId: string, questionId: string, state: QuestionState, wasPublic: boolean): Promise<void> {
      const gone: LiveMessage = { event: 'event.question.delete', id: questionId };
      if (state === 'withdrawn') return publish(both(eventId), gone);
      const at = version();
      await publish([channel.eventStaff(eventId)], { event: 'event.question', id: questionId, version: at });
      if (isPublicState(state)) await publish([channel.event(eventId)], { event: 'event.question', id: questionId, version: at, audience: true });
      else if (wasPublic) await publish([channel.event(eventId)], gone);
    },

    /** A question's vote count changed: sent with the others' shortly. */
    votesChanged(eventId: string, questionId: string): void {
      let set = pendingVotes.get(eventId);
      if (!set) pendingVotes.set(eventId, (set = new Set()));
      set.add(questionId);
      if (!timer) {
        timer = setTimeout(() => void flushVotes().catch(() => {}), VOTES_EVERY_MS);
        timer.unref();
      }
    },

    /** The event changed (edited, started, ended, or these accounts' roles in it). */
    async eventChanged(eventId: string, roles?: string[]): Promise<void> {
      await publish(both(eventId), { event: 'event.changed', id: eventId, version: version(), ...(roles ? { roles } : {}) });
    },

    /** A coverage update (a post) joined the event's timeline. */
    async updatePosted(eventId: string, statusId: string): Promise<void> {
      await publish(both(eventId), { event: 'event.update', id: statusId });
    },

    async handsChanged(eventId: string): Promise<void> {
      await publish([channel.eventStaff(eventId)], { event: 'event.hands', id: eventId, version: version() });
    },

    /** Counts not yet sent are sent now (a stopping process, a test). */
    async flush(): Promise<void> {
      if (timer) clearTimeout(timer);
      await flushVotes();
    },
  };
}

export type EventLive = ReturnType<typeof createEventLive>;
