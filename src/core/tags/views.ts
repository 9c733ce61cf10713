// Tags as a viewer sees them: with their week's history and, signed in, whether the viewer follows
// and features each.
import type { Db } from '../../store/db.ts';
import { tagStates, type TagRow } from '../../store/tags/tags.ts';
import type { TagHistory } from './history.ts';
import type { TagView } from './deps.ts';

export function createTagViews(db: Db, history: TagHistory) {
  return async function viewsOf(viewerId: string | null, rows: readonly TagRow[]): Promise<TagView[]> {
    const ids = rows.map((t) => t.id);
    const [weeks, states] = await Promise.all([history.of(ids), viewerId ? tagStates(db, viewerId, ids) : null]);
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      displayName: t.displayName,
      history: weeks.get(t.id)!,
      ...(states ? { following: states.following.has(t.id), featuring: states.featuring.has(t.id) } : {}),
    }));
  };
}

export type TagViews = ReturnType<typeof createTagViews>;
