// A status entity as JSON text, for pages of statuses. Most of an entity is the same for every
// viewer and changes only when its status row, account or extras do; the core hands out those as
// shared objects (cached rows), so that part is rendered once per object and kept beside it. What
// is the viewer's own (favourited, ..., filtered) and the reblogged status are joined to it per
// request. Stringifying whole pages was the largest cost of a warm home timeline.
import type { AccountView } from '../../../core/accounts/views.ts';
import type { FilterMatch } from '../../../core/filters/service.ts';
import type { StatusView } from '../../../core/statuses/views.ts';
import type { UrlContext } from './account.ts';
import { serializeFilterResults } from './filter.ts';
import { serializeStatus } from './status.ts';

interface Rendered {
  account: AccountView;
  mentions: AccountView[];
  tags: StatusView['tags'];
  app: StatusView['app'];
  /** the entity up to its "reblog" value */
  head: string;
  /** after the "reblog" value, without the closing brace */
  tail: string;
}

const REBLOG = ',"reblog":null,';
const rendered = new WeakMap<StatusView['status'], Rendered>();

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function shared(view: StatusView, ctx: UrlContext): Rendered {
  const known = rendered.get(view.status);
  if (known && known.account === view.account && known.tags === view.tags && known.app === view.app && sameList(known.mentions, view.mentions)) return known;
  // Keys cannot appear unescaped inside string values, so this is the entity's own "reblog" key.
  const json = JSON.stringify(serializeStatus({ ...view, reblog: null, viewer: null }, ctx));
  const at = json.indexOf(REBLOG);
  if (at < 0) throw new Error('status entity without its reblog key');
  const fresh: Rendered = { account: view.account, mentions: view.mentions, tags: view.tags, app: view.app, head: json.slice(0, at), tail: json.slice(at + REBLOG.length - 1, -1) };
  rendered.set(view.status, fresh);
  return fresh;
}

/** The same entity as `serializeStatus(view, ctx, { filtered })`, as JSON text. */
export function statusJson(view: StatusView, ctx: UrlContext, filtered?: FilterMatch[]): string {
  const { head, tail } = shared(view, ctx);
  const v = view.viewer;
  const own = v
    ? `,"favourited":${v.favourited},"reblogged":${v.reblogged},"muted":${v.muted},"bookmarked":${v.bookmarked}${v.own && !view.status.reblogOfId ? `,"pinned":${v.pinned}` : ''}`
    : '';
  const filters = filtered !== undefined ? `,"filtered":${JSON.stringify(serializeFilterResults(filtered))}` : '';
  return `${head},"reblog":${view.reblog ? statusJson(view.reblog, ctx) : 'null'}${tail}${own}${filters}}`;
}

/** A page of statuses as a JSON array. */
export function statusesJson(views: StatusView[], ctx: UrlContext, filteredOf?: (id: string) => FilterMatch[]): string {
  return `[${views.map((v) => statusJson(v, ctx, filteredOf?.(v.status.id))).join(',')}]`;
}
