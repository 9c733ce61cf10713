// Statuses as a viewer sees them: loaded in batches (a fixed number of queries per page, whatever its
// size), with every status checked by the visibility rules before it leaves the core.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import {
  bookmarks,
  conversationMutes,
  favourites,
  oauthApps,
  statusMentions,
  statusPins,
  statuses,
  statusTags,
  tags,
  type StatusRow,
} from '../../store/schema/index.ts';
import type { AccountView, AccountViews } from '../accounts/views.ts';
import type { Relations, ViewerContext } from '../relations/service.ts';
import { canView, hiddenFromLists } from '../visibility.ts';

export type Status = StatusRow;

export interface ViewerFlags {
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  muted: boolean;
  pinned: boolean;
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

export interface HydrateOptions {
  /** also drop statuses whose author (or reblogged author) the viewer blocks or mutes */
  forLists?: boolean;
}

export function createStatusViews(deps: { db: Db; accountViews: AccountViews; relations: Relations }) {
  const { db, accountViews, relations } = deps;

  async function rows(ids: string[]): Promise<Status[]> {
    const valid = [...new Set(ids.filter((id) => /^\d{1,19}$/.test(id)))];
    if (valid.length === 0) return [];
    return db.select().from(statuses).where(inArray(statuses.id, valid));
  }

  /** Statuses in the order of `ids`, leaving out unknown ones and those the viewer may not see. */
  async function hydrate(viewerId: string | null, ids: string[], options: HydrateOptions = {}): Promise<StatusView[]> {
    const outer = await rows(ids);
    if (outer.length === 0) return [];
    const originals = await rows(outer.flatMap((s) => (s.reblogOfId ? [s.reblogOfId] : [])));
    const all = [...outer, ...originals];
    const allIds = all.map((s) => s.id);
    const byId = new Map(all.map((s) => [s.id, s]));

    const [mentionRows, tagRows, appRows] = await Promise.all([
      db.select().from(statusMentions).where(inArray(statusMentions.statusId, allIds)),
      db.select({ statusId: statusTags.statusId, name: tags.name, displayName: tags.displayName }).from(statusTags).innerJoin(tags, eq(tags.id, statusTags.tagId)).where(inArray(statusTags.statusId, allIds)),
      (() => {
        const appIds = [...new Set(all.flatMap((s) => (s.appId ? [s.appId] : [])))];
        return appIds.length ? db.select({ id: oauthApps.id, name: oauthApps.name, website: oauthApps.website }).from(oauthApps).where(inArray(oauthApps.id, appIds)) : Promise.resolve([]);
      })(),
    ]);
    const authorIds = all.map((s) => s.accountId);
    const accountsById = await accountViews.byIds([...authorIds, ...mentionRows.map((m) => m.accountId)]);
    const context = await relations.viewerContext(viewerId, authorIds);
    const flags = viewerId ? await viewerFlags(viewerId, all) : null;

    const mentionsOf = group(mentionRows, (m) => m.statusId);
    const tagsOf = group(tagRows, (t) => t.statusId);
    const apps = new Map(appRows.map((a) => [a.id, a]));

    const visible = (s: Status): boolean => {
      const author = accountsById.get(s.accountId);
      if (!author) return false;
      const mentioned = viewerId !== null && (mentionsOf.get(s.id) ?? []).some((m) => m.accountId === viewerId);
      return canView(s, {
        viewerId,
        authorId: s.accountId,
        follows: context.follows.has(s.accountId),
        mentioned,
        blockedByAuthor: context.blockedBy.has(s.accountId),
        authorSuspended: Boolean(author.account.suspendedAt),
      });
    };
    const hidden = (s: Status) => options.forLists && hiddenFromLists({ blocking: context.blocking.has(s.accountId), muting: context.muting.has(s.accountId) });

    const view = (s: Status): StatusView | null => {
      if (!visible(s) || hidden(s)) return null;
      let reblog: StatusView | null = null;
      if (s.reblogOfId) {
        const original = byId.get(s.reblogOfId);
        reblog = original ? view(original) : null;
        if (!reblog) return null;
      }
      const app = s.appId ? apps.get(s.appId) : undefined;
      return {
        status: s,
        account: accountsById.get(s.accountId)!,
        reblog,
        mentions: (mentionsOf.get(s.id) ?? []).flatMap((m) => (accountsById.has(m.accountId) ? [accountsById.get(m.accountId)!] : [])),
        tags: (tagsOf.get(s.id) ?? []).map((t) => ({ name: t.name, displayName: t.displayName })),
        app: app ? { name: app.name, website: app.website } : null,
        viewer: flags ? flags(s) : null,
      };
    };

    const outerById = new Map(outer.map((s) => [s.id, s]));
    return ids.flatMap((id) => {
      const s = outerById.get(id);
      const v = s ? view(s) : null;
      return v ? [v] : [];
    });
  }

  async function viewerFlags(viewerId: string, all: Status[]): Promise<(s: Status) => ViewerFlags> {
    const ids = all.map((s) => s.id);
    const conversations = [...new Set(all.map((s) => s.conversationId))];
    const [fav, book, reb, pin, mute] = await Promise.all([
      db.select({ id: favourites.statusId }).from(favourites).where(and(eq(favourites.accountId, viewerId), inArray(favourites.statusId, ids))),
      db.select({ id: bookmarks.statusId }).from(bookmarks).where(and(eq(bookmarks.accountId, viewerId), inArray(bookmarks.statusId, ids))),
      db.select({ id: statuses.reblogOfId }).from(statuses).where(and(eq(statuses.accountId, viewerId), inArray(statuses.reblogOfId, ids))),
      db.select({ id: statusPins.statusId }).from(statusPins).where(and(eq(statusPins.accountId, viewerId), inArray(statusPins.statusId, ids))),
      db.select({ id: conversationMutes.conversationId }).from(conversationMutes).where(and(eq(conversationMutes.accountId, viewerId), inArray(conversationMutes.conversationId, conversations))),
    ]);
    const set = (r: { id: string | null }[]) => new Set(r.map((x) => x.id));
    const [f, b, r, p, m] = [set(fav), set(book), set(reb), set(pin), set(mute)];
    return (s) => ({ favourited: f.has(s.id), bookmarked: b.has(s.id), reblogged: r.has(s.id), pinned: p.has(s.id), muted: m.has(s.conversationId) });
  }

  return {
    hydrate,
    async one(viewerId: string | null, id: string): Promise<StatusView | undefined> {
      return (await hydrate(viewerId, [id]))[0];
    },
    /** The visibility verdict alone, for actions on a status (favourite, reply, ...). */
    async visibleRow(viewerId: string | null, id: string): Promise<Status | undefined> {
      const [v] = await hydrate(viewerId, [id]);
      return v?.status;
    },
    context: (viewerId: string | null, authorIds: string[]): Promise<ViewerContext> => relations.viewerContext(viewerId, authorIds),
  };
}

function group<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const bucket = out.get(k);
    if (bucket) bucket.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export type StatusViews = ReturnType<typeof createStatusViews>;
