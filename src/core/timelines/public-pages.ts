// The public and hashtag timelines; a reader who chose languages gets posts in them (a post is in
// every language it has a version in), as Mastodon's chosen_languages filters them.
import { and, eq, isNull, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { statuses, statusTags } from '../../store/schema/index.ts';
import { inLanguages, STORED_LANGUAGES } from '../../store/statuses/versions.ts';
import type { Page, Paged } from '../pagination.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import { HAS_MEDIA, pageOf, type StatusQueries } from './status-pages.ts';

export interface PublicOptions {
  local?: boolean | undefined;
  remote?: boolean | undefined;
  onlyMedia?: boolean | undefined;
  /** the reader's chosen languages; null or none: every language */
  languages?: readonly string[] | null | undefined;
}

export interface TagOptions extends PublicOptions {
  any?: string[] | undefined;
  all?: string[] | undefined;
  none?: string[] | undefined;
}

function origin(options: PublicOptions): SQL | undefined {
  if (options.local) return eq(statuses.local, true);
  if (options.remote) return eq(statuses.local, false);
  return undefined;
}

const inChosen = (options: PublicOptions): SQL | undefined => (options.languages?.length ? inLanguages(STORED_LANGUAGES, options.languages) : undefined);

const publicStatus = and(
  eq(statuses.visibility, 'public'),
  isNull(statuses.reblogOfId),
  // Public timelines leave out replies to others, as Mastodon's do.
  or(isNull(statuses.inReplyToAccountId), eq(statuses.inReplyToAccountId, statuses.accountId)),
);

export function createPublicPages(deps: { db: Db; views: StatusViews; queries: StatusQueries }) {
  const { db, views, queries } = deps;
  const { statusIds, tagIds, taggedWith } = queries;
  return {
    async public(viewerId: string | null, options: PublicOptions, page: Page): Promise<Paged<StatusView>> {
      const ids = await statusIds([publicStatus, origin(options), options.onlyMedia ? HAS_MEDIA : undefined, inChosen(options)], page);
      return pageOf(await views.hydrate(viewerId, ids, { forLists: true }), ids);
    },

    async tag(viewerId: string | null, name: string, options: TagOptions, page: Page): Promise<Paged<StatusView>> {
      const [main] = await tagIds([name]);
      if (!main) return { items: [], cursors: null };
      const conditions: (SQL | undefined)[] = [eq(statuses.visibility, 'public'), isNull(statuses.reblogOfId), origin(options), options.onlyMedia ? HAS_MEDIA : undefined, inChosen(options)];
      const any = await tagIds(options.any ?? []);
      conditions.push(any.length ? or(taggedWith(main), ...any.map(taggedWith)) : taggedWith(main));
      for (const id of await tagIds(options.all ?? [])) conditions.push(taggedWith(id));
      for (const id of await tagIds(options.none ?? []))
        conditions.push(
          notExists(
            db
              .select({ x: sql`1` })
              .from(statusTags)
              .where(and(eq(statusTags.statusId, statuses.id), eq(statusTags.tagId, id))),
          ),
        );
      const ids = await statusIds(conditions, page);
      return pageOf(await views.hydrate(viewerId, ids, { forLists: true }), ids);
    },
  };
}
