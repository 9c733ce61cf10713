// Which subscriptions listen on which bus channel in this process. A channel is subscribed on the
// bus while someone here listens to it, and only then.
import { channel } from '../../core/live.ts';
import type { Bus } from '../../infra/bus.ts';
import type { Subscription } from './hub.ts';

/**
 * `listeners` (channel → subscriptions) is the hub's, read on every delivery; `onMessage` is given
 * each message heard on a channel.
 */
export function createChannels(bus: Bus, listeners: Map<string, Set<Subscription>>, onMessage: (ch: string, raw: string) => void) {
  const unsubscribers = new Map<string, Promise<() => Promise<void>>>();

  async function listen(sub: Subscription, channels: string[]): Promise<void> {
    for (const ch of channels) {
      let set = listeners.get(ch);
      if (!set) {
        listeners.set(ch, (set = new Set()));
        unsubscribers.set(
          ch,
          bus.subscribe(ch, (raw) => onMessage(ch, raw)),
        );
      }
      set.add(sub);
    }
    await Promise.all(channels.map((ch) => unsubscribers.get(ch)));
  }

  async function unlisten(sub: Subscription, channels: string[]): Promise<void> {
    for (const ch of channels) {
      const set = listeners.get(ch);
      if (!set) continue;
      set.delete(sub);
      if (set.size === 0) {
        listeners.delete(ch);
        const unsubscribe = unsubscribers.get(ch);
        unsubscribers.delete(ch);
        await (await unsubscribe)?.();
      }
    }
  }

  return {
    listen,
    unlisten,
    /** Stops listening on every channel the subscription listens to. */
    async drop(sub: Subscription): Promise<void> {
      await unlisten(sub, [...sub.spec.channels, ...sourceChannels(sub)]);
    },
  };
}

export type Channels = ReturnType<typeof createChannels>;

/** The channels a home or list stream listens to besides its own: its authors' and hashtags' (routed by the home rule, see delivery). */
export const sourceChannels = (sources: { authors: readonly string[]; tags: readonly string[] }): string[] => [
  ...sources.authors.map(channel.author),
  ...sources.tags.map((t) => channel.hashtag(t, false)),
];
