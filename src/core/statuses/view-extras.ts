// What a status says besides its row (mentions, hashtags, the app that posted it, its media, whether
// it has a poll) changes only with an edit, which moves `edited_at`: kept per status and version, so
// a warm page needs no query for them, and an edit is never served stale. Remote media still
// waiting for their local preview (see media/remote-preview) are the exception: such extras are kept
// only for the row they were read with, and the preview job forgets that row, everywhere.
import { eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Db } from '../../store/db.ts';
import { oauthApps, statuses, type StatusRow } from '../../store/schema/index.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import { MEDIA_JSON, mediaFromJson, type MediaJson } from '../../store/media/json.ts';
import { awaitingPreview } from '../media/remote.ts';

export interface Extras {
  /** edited_at of the status these were read for */
  version: number;
  mentioned: string[];
  tags: { name: string; displayName: string }[];
  app: { name: string; website: string | null } | null;
  /** its attachments, in order (see media/) */
  media: MediaRow[];
  /** it has a poll (read with the poll cache, see view-polls: its counts move without an edit) */
  hasPoll: boolean;
  /** the row these were read with, when an attachment awaits its preview: valid for that row only */
  heldFor?: StatusRow | undefined;
}

const EXTRAS_CACHE_SIZE = 50_000;
/** Shared by every status without attachments (views are read-only). */
export const NO_MEDIA: MediaRow[] = [];
const versionOf = (s: StatusRow): number => s.editedAt?.getTime() ?? 0;

export function createStatusExtras(db: Db) {
  const extrasCache = new LRUCache<string, Extras>({ max: EXTRAS_CACHE_SIZE });

  // Ids leave as text: a JSON or bigint array would lose digits of a snowflake id.
  const extrasQuery = db
    .select({
      id: sql<string>`s.id::text`,
      mentioned: sql<string[] | null>`(select array_agg(m.account_id::text) from status_mentions m where m.status_id = s.id)`,
      tags: sql<[string, string][] | null>`(select json_agg(json_build_array(t.name, t.display_name)) from status_tags st join tags t on t.id = st.tag_id where st.status_id = s.id)`,
      media: sql<MediaJson[] | null>`(select json_agg(${MEDIA_JSON} order by ma.position) from media_attachments ma where ma.status_id = s.id and ma.position is not null)`,
      hasPoll: sql<boolean>`exists(select 1 from polls p where p.status_id = s.id)`,
      appName: oauthApps.name,
      appWebsite: oauthApps.website,
    })
    .from(sql`unnest(${sql.placeholder('ids')}::bigint[]) as s(id)`)
    .leftJoin(statuses, sql`${statuses.id} = s.id`)
    .leftJoin(oauthApps, eq(oauthApps.id, statuses.appId))
    .prepare('hydrate_status_extras');

  /** Mentions, hashtags and app of these statuses: from the cache, the missing ones in one query. */
  async function of(all: StatusRow[]): Promise<Map<string, Extras>> {
    const out = new Map<string, Extras>();
    const missing: StatusRow[] = [];
    for (const s of all) {
      const cached = extrasCache.get(s.id);
      if (cached && cached.version === versionOf(s) && (!cached.heldFor || cached.heldFor === s)) out.set(s.id, cached);
      else missing.push(s);
    }
    if (missing.length === 0) return out;
    const found = await extrasQuery.execute({ ids: `{${missing.map((s) => s.id).join(',')}}` });
    const byId = new Map(found.map((r) => [r.id, r]));
    for (const s of missing) {
      const r = byId.get(s.id);
      const extras: Extras = {
        version: versionOf(s),
        mentioned: r?.mentioned ?? [],
        tags: (r?.tags ?? []).map(([name, displayName]) => ({ name, displayName })),
        app: r?.appName ? { name: r.appName, website: r.appWebsite } : null,
        media: r?.media ? r.media.map(mediaFromJson) : NO_MEDIA,
        hasPoll: r?.hasPoll ?? false,
      };
      if (extras.media.some(awaitingPreview)) extras.heldFor = s;
      extrasCache.set(s.id, extras);
      out.set(s.id, extras);
    }
    return out;
  }

  return {
    of,
    /** Keeps what a writer knows a status it just wrote says besides its row. */
    remember(row: StatusRow, extras: Omit<Extras, 'version'>): void {
      extrasCache.set(row.id, { ...extras, version: versionOf(row) });
    },
  };
}

export type StatusExtras = ReturnType<typeof createStatusExtras>;
