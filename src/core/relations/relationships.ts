// Reading relations: a viewer's relationships with accounts, what a page of statuses needs of
// them, and whom the viewer must not be shown live.
import type { Db } from '../../store/db.ts';
import { blockedDomainRows, hiddenAccountRows, relationRows, viewerRelationRows, type RelationKind } from '../../store/relations/relationships.ts';
import { isId } from '../ids.ts';
import { NO_VIEWER, type Relationship, type ViewerContext } from './types.ts';

export async function relationshipsOf(db: Db, viewerId: string, targetIds: string[]): Promise<Relationship[]> {
  const wanted = targetIds.filter((id) => isId(id));
  if (wanted.length === 0) return [];
  const rows = await relationRows(db, viewerId, [...new Set(wanted)]);
  const of = (kind: RelationKind) => rows.filter((r) => r.kind === kind);
  const has = (kind: RelationKind) => new Set(of(kind).map((r) => String(r.id)));
  const following = new Map(of('f').map((r) => [String(r.id), { showReblogs: Boolean(r.show_reblogs), notify: Boolean(r.notify), languages: r.languages }]));
  const muting = new Map(of('m').map((r) => [String(r.id), { hideNotifications: Boolean(r.hide_notifications) }]));
  const [followedBy, requested, requestedBy, blocking, blockedBy, endorsed, domainBlocking] = [has('fb'), has('r'), has('rb'), has('b'), has('bb'), has('e'), has('d')];
  const notes = new Map(of('n').map((r) => [String(r.id), r.note ?? '']));
  return wanted.map((id) => {
    const f = following.get(id);
    const m = muting.get(id);
    return {
      id,
      following: Boolean(f),
      showingReblogs: f?.showReblogs ?? false,
      notifying: f?.notify ?? false,
      languages: f?.languages ?? null,
      followedBy: followedBy.has(id),
      blocking: blocking.has(id),
      blockedBy: blockedBy.has(id),
      muting: Boolean(m),
      mutingNotifications: m?.hideNotifications ?? false,
      requested: requested.has(id),
      requestedBy: requestedBy.has(id),
      endorsed: endorsed.has(id),
      note: notes.get(id) ?? '',
      domainBlocking: domainBlocking.has(id),
    };
  });
}

export async function relationshipOf(db: Db, viewerId: string, targetId: string): Promise<Relationship> {
  return (await relationshipsOf(db, viewerId, [targetId]))[0]!;
}

export function createRelationships(db: Db) {
  return {
    relationships: (viewerId: string, targetIds: string[]) => relationshipsOf(db, viewerId, targetIds),
    relationship: (viewerId: string, targetId: string) => relationshipOf(db, viewerId, targetId),

    /**
     * Accounts the viewer blocks, is blocked by, or mutes, and the domains it blocks; and when a
     * timed mute next ends (the set then changes by itself).
     */
    async hiddenAccounts(viewerId: string): Promise<{ ids: Set<string>; domains: Set<string>; changesAt: Date | null }> {
      const [rows, domains] = await Promise.all([hiddenAccountRows(db, viewerId), blockedDomainRows(db, viewerId)]);
      const ends = rows.flatMap((r) => (r.expires_at ? [new Date(r.expires_at).getTime()] : []));
      return { ids: new Set(rows.map((r) => String(r.id))), domains: new Set(domains), changesAt: ends.length > 0 ? new Date(Math.min(...ends)) : null };
    },

    /** The viewer's relations with these authors, in one round trip (it runs for every page of statuses). */
    async viewerContext(viewerId: string | null, authorIds: string[]): Promise<ViewerContext> {
      const authors = [...new Set(authorIds)].filter((id) => isId(id));
      if (!viewerId || authors.length === 0) return { ...NO_VIEWER, viewerId };
      const into = { f: new Set<string>(), b: new Set<string>(), bb: new Set<string>(), m: new Set<string>(), d: new Set<string>() };
      for (const row of await viewerRelationRows(db, viewerId, authors)) into[row.kind].add(String(row.id));
      return { viewerId, follows: into.f, blocking: into.b, blockedBy: into.bb, muting: into.m, domainBlocking: into.d };
    },
  };
}
