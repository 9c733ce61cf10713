// The viewer's own part of a page of statuses: flags on the statuses (favourited, bookmarked,
// reblogged, pinned, conversation muted, votes in their polls) and relations with their authors (follows, blocks both
// ways, mutes, their domain blocked). Read in one statement for what is not yet known, and kept per viewer in each
// process: only the viewer's own actions and relation changes involving the viewer alter it, and
// those forget it everywhere (see forget's callers). A timed mute keeps the entry no longer than
// the mute lasts.
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';
import type { Db } from '../../store/db.ts';
import type { ViewerContext } from '../relations/service.ts';
import type { Status, ViewerFlags } from './views.ts';

const RELATION_FOLLOWS = 1;
const RELATION_BLOCKING = 2;
const RELATION_BLOCKED_BY = 4;
const RELATION_MUTING = 8;
const RELATION_DOMAIN_BLOCKING = 16;

interface Entry {
  /** `own` included: whether the viewer wrote the status does not change */
  flags: Map<string, ViewerFlags>;
  /** bits of RELATION_* per account */
  relations: Map<string, number>;
  /** when the first timed mute among these ends (ms since the epoch), or Infinity */
  until: number;
  /** what `of` hands out for this entry, made at its first use */
  answer?: Answer;
}

interface Answer {
  flags: ReadonlyMap<string, ViewerFlags>;
  context: ViewerContext;
}

function answerOf(viewerId: string, entry: Entry): Answer {
  if (entry.answer) return entry.answer;
  const relations = entry.relations;
  const related = (bit: number) => ({ has: (accountId: string) => ((relations.get(accountId) ?? 0) & bit) !== 0 });
  return (entry.answer = {
    flags: entry.flags,
    context: {
      viewerId,
      follows: related(RELATION_FOLLOWS),
      blocking: related(RELATION_BLOCKING),
      blockedBy: related(RELATION_BLOCKED_BY),
      muting: related(RELATION_MUTING),
      domainBlocking: related(RELATION_DOMAIN_BLOCKING),
    },
  });
}

/** Whether the entry answers for every one of these statuses and their authors (a warm page). */
function holdsAll(entry: Entry, statuses: Status[]): boolean {
  for (const s of statuses) if (!entry.flags.has(s.id) || !entry.relations.has(s.accountId)) return false;
  return true;
}

/** Shared by every status the viewer chose nothing in (views are read-only). */
const NO_VOTES: readonly number[] = Object.freeze([]);
const OWN_NEW: ViewerFlags = Object.freeze({ favourited: false, bookmarked: false, reblogged: false, pinned: false, muted: false, own: true, votes: NO_VOTES });

const VIEWERS = 20_000;
const TTL_MS = 60_000;
/** A viewer who reads more than this starts a new entry, so one reader cannot grow without end. */
const MOST_PER_VIEWER = 2_000;

/**
 * The viewer's ($1) relations with each account `authors` yields (follows, blocks both ways, mutes,
 * their domain blocked, when a timed mute ends), as rows of kind 'a': one rule for a page's
 * authors and for a single author's.
 */
function authorRelations(authors: string): string {
  return `select 'a' as k, t.id::text as id,
    exists(select 1 from follows r where r.account_id = $1 and r.target_account_id = t.id) as a,
    exists(select 1 from blocks r where r.account_id = $1 and r.target_account_id = t.id) as b,
    exists(select 1 from blocks r where r.account_id = t.id and r.target_account_id = $1) as c,
    m.target_account_id is not null as d,
    exists(select 1 from accounts ra join account_domain_blocks r on r.account_id = $1 and r.domain = ra.domain where ra.id = t.id) as e,
    null::int[] as f,
    extract(epoch from m.expires_at) * 1000 as until
  from ${authors} as t(id)
  left join mutes m on m.account_id = $1 and m.target_account_id = t.id and (m.expires_at is null or m.expires_at > now())`;
}

// Ids leave as text: a bigint array read back as JSON would lose digits of a snowflake id.
const STATE_QUERY = `
  select 's' as k, s.id::text as id,
    exists(select 1 from favourites x where x.account_id = $1 and x.status_id = s.id) as a,
    exists(select 1 from bookmarks x where x.account_id = $1 and x.status_id = s.id) as b,
    exists(select 1 from statuses x where x.account_id = $1 and x.reblog_of_id = s.id) as c,
    exists(select 1 from status_pins x where x.account_id = $1 and x.status_id = s.id) as d,
    exists(select 1 from conversation_mutes x where x.account_id = $1 and x.conversation_id = s.conversation) as e,
    (select array_agg(v.choice::int order by v.choice) from polls p join poll_votes v on v.poll_id = p.id and v.account_id = $1 where p.status_id = s.id) as f,
    null::float8 as until
  from unnest($2::bigint[], $3::bigint[]) as s(id, conversation)
  union all
  ${authorRelations('unnest($4::bigint[])')}`;

/** The viewer's relations with a visibility verdict alone needs: one author, no flags (see relationsWith). */
const RELATIONS_QUERY = authorRelations('(values ($2::bigint))');

/** Keeps an author's relation row ('a') in the entry. */
function related(entry: Entry, r: StateRow): void {
  entry.relations.set(r.id, (r.a ? RELATION_FOLLOWS : 0) | (r.b ? RELATION_BLOCKING : 0) | (r.c ? RELATION_BLOCKED_BY : 0) | (r.d ? RELATION_MUTING : 0) | (r.e ? RELATION_DOMAIN_BLOCKING : 0));
  if (r.until !== null) entry.until = Math.min(entry.until, Number(r.until));
}

interface StateRow {
  k: 's' | 'a';
  id: string;
  a: boolean;
  b: boolean;
  c: boolean;
  d: boolean;
  e: boolean;
  /** the options chosen in the status's poll */
  f: number[] | null;
  until: number | null;
}

export function createViewerState(deps: { db: Db; bus: Bus }) {
  const cache = createSharedCache<Entry>(deps.bus, 'viewer-state', { max: VIEWERS, ttlMs: TTL_MS });

  async function read(viewerId: string, statuses: Status[], authors: string[]): Promise<StateRow[]> {
    if (statuses.length === 0 && authors.length === 0) return [];
    const result = await deps.db.$client.query<StateRow>({
      name: 'viewer_state',
      text: STATE_QUERY,
      values: [viewerId, `{${statuses.map((s) => s.id).join(',')}}`, `{${statuses.map((s) => s.conversationId).join(',')}}`, `{${authors.join(',')}}`],
    });
    return result.rows;
  }

  return {
    /**
     * Flags for each of these statuses and the viewer's relations with their authors. Both are views
     * of what is kept for the viewer (they may answer for more statuses and accounts than asked):
     * a page reads them without copying.
     */
    async of(viewerId: string, statuses: Status[]): Promise<Answer> {
      let entry = cache.get(viewerId);
      if (entry && entry.until <= Date.now()) entry = undefined;
      if (entry && holdsAll(entry, statuses)) return answerOf(viewerId, entry);
      const known = entry;
      const missingStatuses = known ? statuses.filter((s) => !known.flags.has(s.id)) : statuses;
      const missingAuthors: string[] = [];
      for (const s of statuses) if (!known?.relations.has(s.accountId) && !missingAuthors.includes(s.accountId)) missingAuthors.push(s.accountId);
      if (missingStatuses.length > 0 || missingAuthors.length > 0) {
        const mark = cache.mark();
        const rows = await read(viewerId, missingStatuses, missingAuthors);
        const fresh = !entry || entry.flags.size + entry.relations.size > MOST_PER_VIEWER;
        const next: Entry = fresh ? { flags: new Map(), relations: new Map(), until: Infinity } : { flags: new Map(entry!.flags), relations: new Map(entry!.relations), until: entry!.until };
        const authorOf = new Map(missingStatuses.map((s) => [s.id, s.accountId]));
        for (const r of rows) {
          if (r.k === 's') next.flags.set(r.id, { favourited: r.a, bookmarked: r.b, reblogged: r.c, pinned: r.d, muted: r.e, own: authorOf.get(r.id) === viewerId, votes: r.f ?? NO_VOTES });
          else related(next, r);
        }
        if (fresh && entry) {
          // Started over: what this page needs and the old entry held comes along.
          for (const s of statuses) if (!next.flags.has(s.id) && entry.flags.has(s.id)) next.flags.set(s.id, entry.flags.get(s.id)!);
          for (const s of statuses) if (!next.relations.has(s.accountId) && entry.relations.has(s.accountId)) next.relations.set(s.accountId, entry.relations.get(s.accountId)!);
        }
        cache.set(viewerId, next, mark);
        entry = next;
      }
      return answerOf(viewerId, entry!);
    },

    /**
     * The viewer's relations with these authors, without its flags on any status: what a
     * visibility verdict needs (may the viewer reply to this?). Each author not yet known costs a
     * small statement, planned once a connection (a page's statement, with its arrays, is planned
     * at each call).
     */
    async relationsWith(viewerId: string, authorIds: readonly string[]): Promise<ViewerContext> {
      let entry = cache.get(viewerId);
      if (entry && entry.until <= Date.now()) entry = undefined;
      const missing = [...new Set(authorIds)].filter((id) => !entry?.relations.has(id));
      if (missing.length > 0) {
        const mark = cache.mark();
        const rows = await Promise.all(
          missing.map(async (authorId) => (await deps.db.$client.query<StateRow>({ name: 'viewer_relations', text: RELATIONS_QUERY, values: [viewerId, authorId] })).rows),
        );
        // Started over past the bound, as `of` does (the flags are read again when a page needs them).
        const keep = entry && entry.flags.size + entry.relations.size <= MOST_PER_VIEWER ? entry : undefined;
        const next: Entry = keep ? { flags: new Map(keep.flags), relations: new Map(keep.relations), until: keep.until } : { flags: new Map(), relations: new Map(), until: Infinity };
        for (const r of rows.flat()) related(next, r);
        cache.set(viewerId, next, mark);
        entry = next;
      }
      return answerOf(viewerId, entry!).context;
    },

    /**
     * A status its author just posted: nobody has any flag on it yet, so the author's entry, if
     * kept, learns that without asking. Not for a reply: the author may have muted its thread.
     */
    created(authorId: string, status: Status): void {
      if (status.conversationId !== status.id) return;
      const entry = cache.get(authorId);
      // Readers holding this entry only gain a key that is true for them too.
      if (entry && entry.until > Date.now()) entry.flags.set(status.id, OWN_NEW);
    },

    /** Call once a change to what these viewers see of statuses or accounts is committed. */
    forget: (viewerIds: readonly string[]): Promise<void> => cache.forget(viewerIds),
  };
}

export type ViewerState = ReturnType<typeof createViewerState>;
