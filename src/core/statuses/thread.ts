// A status's thread as the viewer may see it: what it answers, and the replies under it.
import type { Db } from '../../store/db.ts';
import { ancestorIds, descendantIds } from '../../store/statuses/threads.ts';
import type { AsyncRefresh } from '../async-refreshes.ts';
import type { StatusAccess } from './access.ts';
import type { RemoteReplies } from './remote-replies.ts';
import type { StatusView, StatusViews } from './views.ts';

export function createThread(deps: { db: Db; views: StatusViews; access: StatusAccess; remoteReplies: RemoteReplies }) {
  const { db, views, access, remoteReplies } = deps;
  /**
   * Ancestors (oldest first) and descendants (thread order) the viewer may see; `refresh` when
   * replies to a remote status are being fetched from its server (see remote-replies).
   */
  return async function context(viewerId: string | null, id: string): Promise<{ ancestors: StatusView[]; descendants: StatusView[]; refresh: AsyncRefresh | null }> {
    const s = await access.visible(viewerId, id);
    const refresh = await remoteReplies.threadRead(viewerId, s);
    const up = await ancestorIds(db, s.inReplyToId ?? null);
    const down = await descendantIds(db, s.id);
    const [ancestors, descendants] = await Promise.all([views.hydrate(viewerId, up, { forLists: true }), views.hydrate(viewerId, down, { forLists: true })]);
    return { ancestors, descendants, refresh };
  };
}
