// A status's thread as the viewer may see it: what it answers, and the replies under it.
import type { Db } from '../../store/db.ts';
import { ancestorIds, descendantIds } from '../../store/statuses/threads.ts';
import type { StatusAccess } from './access.ts';
import type { StatusView, StatusViews } from './views.ts';

export function createThread(deps: { db: Db; views: StatusViews; access: StatusAccess }) {
  const { db, views, access } = deps;
  /** Ancestors (oldest first) and descendants (thread order) the viewer may see. */
  return async function context(viewerId: string | null, id: string): Promise<{ ancestors: StatusView[]; descendants: StatusView[] }> {
    const s = await access.visible(viewerId, id);
    const up = await ancestorIds(db, s.inReplyToId ?? null);
    const down = await descendantIds(db, s.id);
    const [ancestors, descendants] = await Promise.all([views.hydrate(viewerId, up, { forLists: true }), views.hydrate(viewerId, down, { forLists: true })]);
    return { ancestors, descendants };
  };
}
