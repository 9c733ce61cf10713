// An event's vote counts reach a crowded channel at most once a window, merged: each process's
// core sends them a few times a second (core/events/live), and every web process sends its own,
// so 20,000 viewers on two processes got eight frames a second each, 160,000 socket writes a
// second: the two cores did little else, and a burst of votes crawled. The window grows with the
// channel's listeners here (a socket write costs ~20 µs); a channel with few listeners gets every
// message as it comes, as without this. The last counts are never lost: a window ends with them.
import type { LiveMessage } from '../../core/live.ts';

export interface VotesThrottleOptions {
  /** below this many listeners on a channel, messages pass as they come */
  minListeners: number;
  /** the window per listener (ms), and its longest */
  perListenerMs: number;
  maxWindowMs: number;
}

const VOTES_THROTTLE: VotesThrottleOptions = { minListeners: 2000, perListenerMs: 0.05, maxWindowMs: 2000 };

interface Pending {
  eventId: string;
  /** question id → its newest count not yet passed on */
  counts: Map<string, number>;
  /** question id → the version of the newest count heard (passed on or not): an older one coming late is dropped */
  newest: Map<string, number>;
  timer: NodeJS.Timeout | undefined;
  /** when this channel last got counts */
  lastAt: number;
}

/**
 * Wraps what channels hand messages to (see channels, delivery-queue): `event.votes` messages on a
 * channel with many listeners are merged (the newest count of each question wins) and passed on
 * at most once a window; everything else passes at once.
 */
export function createVotesThrottle(next: (ch: string, raw: string) => void, listenersOf: (ch: string) => number, options: VotesThrottleOptions = VOTES_THROTTLE): (ch: string, raw: string) => void {
  const pending = new Map<string, Pending>();

  function emit(ch: string, p: Pending): void {
    p.timer = undefined;
    p.lastAt = Date.now();
    if (p.counts.size === 0) return;
    let version = 0;
    const counts: Record<string, number> = {};
    for (const [id, n] of p.counts) {
      counts[id] = n;
      version = Math.max(version, p.newest.get(id) ?? 0);
    }
    p.counts.clear();
    const message: LiveMessage = { event: 'event.votes', id: p.eventId, counts, version };
    next(ch, JSON.stringify(message));
  }

  return (ch, raw) => {
    const listeners = listenersOf(ch);
    if (!raw.includes('"event":"event.votes"') || (listeners < options.minListeners && !pending.get(ch)?.timer)) return next(ch, raw);
    let message: LiveMessage;
    try {
      message = JSON.parse(raw) as LiveMessage;
    } catch {
      return next(ch, raw);
    }
    if (message.event !== 'event.votes') return next(ch, raw);
    let p = pending.get(ch);
    if (!p) pending.set(ch, (p = { eventId: message.id, counts: new Map(), newest: new Map(), timer: undefined, lastAt: 0 }));
    const version = message.version ?? 0;
    for (const [id, n] of Object.entries(message.counts ?? {})) {
      if (version < (p.newest.get(id) ?? 0)) continue;
      p.newest.set(id, version);
      p.counts.set(id, n);
    }
    if (p.timer) return;
    const windowMs = Math.min(options.maxWindowMs, listeners * options.perListenerMs);
    const wait = p.lastAt + windowMs - Date.now();
    if (wait <= 0) return emit(ch, p);
    const held = p;
    p.timer = setTimeout(() => {
      emit(ch, held);
      // A channel nobody listens to any more is forgotten once its last counts went.
      if (listenersOf(ch) === 0) pending.delete(ch);
    }, wait);
    p.timer.unref();
  };
}
