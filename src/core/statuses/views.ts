// Statuses as a viewer sees them: loaded in batches (a fixed number of queries per page, whatever its
// size), with every status checked by the visibility rules before it leaves the core.
import { isId } from '../ids.ts';
import { eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Db } from '../../store/db.ts';
import { oauthApps, statuses, type StatusRow } from '../../store/schema/index.ts';
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';
import type { ViewerState } from './viewer-state.ts';
import type { AccountView, AccountViews } from '../accounts/views.ts';
import { NO_VIEWER, type Relations, type ViewerContext } from '../relations/service.ts';
import { canView, hiddenFromLists } from '../visibility.ts';

export type Status = StatusRow;

export interface ViewerFlags {
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  muted: boolean;
  pinned: boolean;
  /** the viewer wrote it */
  own: boolean;
}

export interface StatusView {
  status: Status;
  account: AccountView;
  reblog: StatusView | null;
  mentions: AccountView[];
  tags: { name: string; displayName: string }[];
  app: { name: string; website: string | null } | null;
  /** null for anonymous viewers */
  viewer: ViewerFlags | null;
}

interface Extras {
  /** edited_at of the status these were read for */
  version: number;
  mentioned: string[];
  tags: { name: string; displayName: string }[];
  app: { name: string; website: string | null } | null;
}

const EXTRAS_CACHE_SIZE = 50_000;
const ROW_CACHE_SIZE = 50_000;
/** Writers forget what they change; this bounds what a missed message could leave (counts, mostly). */
const ROW_CACHE_TTL_MS = 30_000;
const versionOf = (s: Status): number => s.editedAt?.getTime() ?? 0;

/** Shared by every status that mentions nobody (never changed: views are read-only). */
const NO_MENTIONS: AccountView[] = [];

function mentionedAccounts(ids: string[], accountsById: Map<string, AccountView>): AccountView[] {
  const out: AccountView[] = [];
  for (const id of ids) {
    const account = accountsById.get(id);
    if (account) out.push(account);
  }
  return out;
}

export interface HydrateOptions {
  /** also drop statuses whose author (or reblogged author) the viewer blocks or mutes */
  forLists?: boolean;
  /** the core already chose who sees it (live delivery): only a suspended author hides it */
  audienceChosen?: boolean;
}

export function createStatusViews(deps: { db: Db; bus: Bus; accountViews: AccountViews; relations: Relations; viewerState: ViewerState }) {
  const { db, bus, accountViews, relations, viewerState } = deps;

  // What a status says besides its row (mentions, hashtags, the app that posted it) changes only
  // with an edit, which moves `edited_at`: kept per status and version, so a warm page needs no
  // query for them, and an edit is never served stale.
  const extrasCache = new LRUCache<string, Extras>({ max: EXTRAS_CACHE_SIZE });

  // Status rows are shared by every viewer: kept in each process, forgotten everywhere when one
  // changes (see forget, called by the writers once committed). A warm page reads none of them.
  // The ids are one array, computed first, so PostgreSQL looks them up by index (an OR with a
  // sub-select made it scan the whole table: 192 ms instead of 0.1 ms on two million statuses).
  const idList = sql.placeholder('ids');
  const withOriginals = sql`${statuses.id} = any(array(select unnest(${idList}::bigint[]) union select reblog_of_id from statuses where id = any(${idList}::bigint[]) and reblog_of_id is not null))`;
  const rowsQuery = db.select().from(statuses).where(withOriginals).prepare('hydrate_statuses');
  const rowCache = createSharedCache<Status>(bus, 'statuses', {
    max: ROW_CACHE_SIZE,
    ttlMs: ROW_CACHE_TTL_MS,
    reload: async (ids) => new Map((await rowsQuery.execute({ ids: `{${ids.join(',')}}` })).map((s) => [s.id, s])),
  });

  /** Rows of these statuses, and of the originals of reblogs among them: cached ones first. */
  async function rows(ids: string[]): Promise<Map<string, Status>> {
    const byId = new Map<string, Status>();
    // A repeated id may be asked for twice: the query answers each row once.
    let missing: string[] = [];
    const want = (id: string) => {
      if (byId.has(id)) return;
      const cached = rowCache.get(id);
      if (cached) byId.set(id, cached);
      else missing.push(id);
    };
    for (const id of ids) if (isId(id)) want(id);
    for (let round = 0; round < 2 && (missing.length > 0 || round === 0); round++) {
      if (missing.length > 0) {
        const mark = rowCache.mark();
        const found = await rowsQuery.execute({ ids: `{${missing.join(',')}}` });
        for (const s of found) byId.set(s.id, rowCache.set(s.id, s, mark));
        missing = [];
      }
      // A cached reblog whose original was not: one more read, for those originals alone. (Rows
      // added meanwhile are originals, which reblog nothing.)
      for (const s of byId.values()) if (s.reblogOfId) want(s.reblogOfId);
    }
    return byId;
  }

  // Ids leave as text: a JSON or bigint array would lose digits of a snowflake id.
  const extrasQuery = db
    .select({
      id: sql<string>`s.id::text`,
      mentioned: sql<string[] | null>`(select array_agg(m.account_id::text) from status_mentions m where m.status_id = s.id)`,
      tags: sql<[string, string][] | null>`(select json_agg(json_build_array(t.name, t.display_name)) from status_tags st join tags t on t.id = st.tag_id where st.status_id = s.id)`,
      appName: oauthApps.name,
      appWebsite: oauthApps.website,
    })
    .from(sql`unnest(${sql.placeholder('ids')}::bigint[]) as s(id)`)
    .leftJoin(statuses, sql`${statuses.id} = s.id`)
    .leftJoin(oauthApps, eq(oauthApps.id, statuses.appId))
    .prepare('hydrate_status_extras');

  /** Mentions, hashtags and app of these statuses: from the cache, the missing ones in one query. */
  async function extrasOf(all: Status[]): Promise<Map<string, Extras>> {
    const out = new Map<string, Extras>();
    const missing: Status[] = [];
    for (const s of all) {
      const cached = extrasCache.get(s.id);
      if (cached && cached.version === versionOf(s)) out.set(s.id, cached);
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
      };
      extrasCache.set(s.id, extras);
      out.set(s.id, extras);
    }
    return out;
  }

  /** Statuses in the order of `ids`, leaving out unknown ones and those the viewer may not see. */
  async function hydrate(viewerId: string | null, ids: string[], options: HydrateOptions = {}): Promise<StatusView[]> {
    const byId = await rows(ids);
    if (byId.size === 0) return [];
    const all = [...byId.values()];
    const extras = await extrasOf(all);

    const accountIds: string[] = [];
    for (const s of all) {
      accountIds.push(s.accountId);
      for (const id of extras.get(s.id)!.mentioned) accountIds.push(id);
    }
    const [accountsById, state] = await Promise.all([accountViews.cachedByIds(accountIds), viewerId ? viewerState.of(viewerId, all) : null]);
    const context = state?.context ?? NO_VIEWER;
    // One object for every status's relation to the viewer, filled in per status: a page checks
    // dozens (allocation was a tenth of a warm home page's CPU, in collections).
    const relation = { viewerId, authorId: '', follows: false, mentioned: false, blockedByAuthor: false, authorSuspended: false };

    const visible = (s: Status, author: AccountView): boolean => {
      if (options.audienceChosen) return !author.account.suspendedAt;
      relation.authorId = s.accountId;
      relation.follows = context.follows.has(s.accountId);
      relation.mentioned = viewerId !== null && extras.get(s.id)!.mentioned.includes(viewerId);
      relation.blockedByAuthor = context.blockedBy.has(s.accountId);
      relation.authorSuspended = Boolean(author.account.suspendedAt);
      return canView(s, relation);
    };
    const hidden = (s: Status) => options.forLists && hiddenFromLists({ blocking: context.blocking.has(s.accountId), muting: context.muting.has(s.accountId) });

    const view = (s: Status): StatusView | null => {
      const author = accountsById.get(s.accountId);
      if (!author || !visible(s, author) || hidden(s)) return null;
      let reblog: StatusView | null = null;
      if (s.reblogOfId) {
        const original = byId.get(s.reblogOfId);
        reblog = original ? view(original) : null;
        if (!reblog) return null;
      }
      const e = extras.get(s.id)!;
      return {
        status: s,
        account: author,
        reblog,
        mentions: e.mentioned.length === 0 ? NO_MENTIONS : mentionedAccounts(e.mentioned, accountsById),
        tags: e.tags,
        app: e.app,
        viewer: state ? (state.flags.get(s.id) ?? null) : null,
      };
    };

    // Only the asked ids: `byId` also holds the originals of reblogs.
    const out: StatusView[] = [];
    for (const id of ids) {
      const s = byId.get(id);
      const v = s ? view(s) : null;
      if (v) out.push(v);
    }
    return out;
  }

  return {
    hydrate,
    /** Writers call this once a change to these statuses (counts, an edit, a delete) is committed. */
    forget: (ids: readonly string[]): Promise<void> => rowCache.forget(ids),
    /** Taken before writing a row that `remember` will keep (see infra/shared-cache). */
    mark: (): number => rowCache.mark(),
    /**
     * A row just committed, kept unless it changed since `mark` (this process only), with what the
     * writer knows it says besides (so answering the POST reads nothing back).
     */
    remember(row: Status, mark: number, extras: Omit<Extras, 'version'>): void {
      rowCache.set(row.id, row, mark);
      extrasCache.set(row.id, { ...extras, version: versionOf(row) });
    },
    async one(viewerId: string | null, id: string): Promise<StatusView | undefined> {
      return (await hydrate(viewerId, [id]))[0];
    },
    /**
     * A status rendered for live delivery to an audience the core's rules choose (fan-out's
     * recipients, or followers' streams by timelines/stream-rules): seen as its author sees it,
     * without anyone's personal flags.
     */
    async forDelivery(id: string): Promise<StatusView | undefined> {
      return (await hydrate(null, [id], { audienceChosen: true }))[0];
    },

    /** The visibility verdict alone, for actions on a status (favourite, reply, ...). */
    async visibleRow(viewerId: string | null, id: string): Promise<Status | undefined> {
      const [v] = await hydrate(viewerId, [id]);
      return v?.status;
    },
    context: (viewerId: string | null, authorIds: string[]): Promise<ViewerContext> => relations.viewerContext(viewerId, authorIds),
  };
}

export type StatusViews = ReturnType<typeof createStatusViews>;
