// A viewer's relations while their streams are open: loaded again when they change or a timed
// mute ends, and home and list streams moved to the accounts now followed.
import { sourceChannels, type Channels } from './channels.ts';
import { deliveryFailed } from './delivery-queue.ts';
import type { StreamClient, Subscription } from './hub.ts';
import type { createViewerSources, Sources } from './viewer-sources.ts';

/** The longest a timer may wait (setTimeout's limit); a later change is awaited in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createRelationsRefresh(deps: {
  /** the hub's open clients and their subscriptions */
  byClient: ReadonlyMap<StreamClient, Set<Subscription>>;
  sources: ReturnType<typeof createViewerSources>;
  channels: Channels;
}) {
  const { byClient, channels } = deps;
  const { relationsOf, sourcesOf } = deps.sources;
  /** Per connection with a timed mute: the timer that reloads its relations when the mute ends. */
  const expiries = new Map<StreamClient, NodeJS.Timeout>();

  /** A timed mute that ends while the connection is open ends on its streams too. */
  function refreshWhenChanged(client: StreamClient): void {
    clearTimeout(expiries.get(client));
    expiries.delete(client);
    const at = client.relations.changesAt;
    if (!at || !byClient.has(client)) return;
    const timer = setTimeout(
      () => {
        expiries.delete(client);
        void refresh(client).catch(deliveryFailed);
      },
      Math.min(Math.max(at.getTime() - Date.now(), 0) + 50, MAX_TIMER_MS),
    );
    timer.unref();
    expiries.set(client, timer);
  }

  /**
   * The viewer followed, unfollowed, blocked, muted, was blocked, changed a list or followed a
   * hashtag: their relations are loaded again, and home and list streams listen to the accounts
   * and hashtags they now follow, and no longer to the others (an unfollowed account's private
   * posts must stop at once).
   */
  async function refresh(client: StreamClient): Promise<void> {
    if (!client.viewerId) return;
    client.relations = await relationsOf(client.viewerId);
    refreshWhenChanged(client);
    for (const sub of byClient.get(client) ?? []) {
      if (sub.spec.name[0] !== 'user' && sub.spec.name[0] !== 'list') continue;
      // A deleted list streams nothing more.
      const next = await sourcesOf(client.viewerId, client.relations, sub.spec).catch((): Sources => ({ authors: [], tags: [] }));
      const before = new Set(sourceChannels(sub));
      const after = new Set(sourceChannels(next));
      sub.authors = next.authors;
      sub.tags = next.tags;
      sub.list = next.list;
      await channels.unlisten(
        sub,
        [...before].filter((ch) => !after.has(ch)),
      );
      await channels.listen(
        sub,
        [...after].filter((ch) => !before.has(ch)),
      );
    }
  }

  return { refresh, refreshWhenChanged };
}
