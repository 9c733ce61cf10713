// A status entity as JSON text, for pages of statuses. Most of an entity is the same for every
// viewer and changes only when its status row, account or extras do; the core hands out those as
// shared objects (cached rows), so that part is rendered and encoded once per object and kept
// beside it. The viewer's own flags (favourited, bookmarked, filtered and the like) and the
// reblogged status are joined to it per request. Stringifying whole pages was the largest cost of
// a warm home timeline.
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
  /** the entity as UTF-8 with `"reblog":null` and without its closing brace */
  whole: Buffer;
  /** whole up to its "reblog" key */
  head: Buffer;
  /** whole after the "reblog" value */
  tail: Buffer;
}

const REBLOG = ',"reblog":null,';
const rendered = new WeakMap<StatusView['status'], Rendered>();
const bytes = {
  open: Buffer.from('['),
  close: Buffer.from(']'),
  comma: Buffer.from(','),
  reblogKey: Buffer.from(',"reblog":'),
};

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function shared(view: StatusView, ctx: UrlContext): Rendered {
  const known = rendered.get(view.status);
  if (known && known.account === view.account && known.tags === view.tags && known.app === view.app && sameList(known.mentions, view.mentions)) return known;
  // Keys cannot appear unescaped inside string values, so this is the entity's own "reblog" key.
  const json = JSON.stringify(serializeStatus({ ...view, reblog: null, viewer: null }, ctx));
  const at = json.indexOf(REBLOG);
  if (at < 0) throw new Error('status entity without its reblog key');
  // One buffer, and views of it: a status that reblogs nothing is one piece of its page.
  const whole = Buffer.from(json.slice(0, -1));
  const headLength = Buffer.byteLength(json.slice(0, at));
  const fresh: Rendered = {
    account: view.account,
    mentions: view.mentions,
    tags: view.tags,
    app: view.app,
    whole,
    head: whole.subarray(0, headLength),
    tail: whole.subarray(headLength + REBLOG.length - 1),
  };
  rendered.set(view.status, fresh);
  return fresh;
}

/** Appends the same entity as `serializeStatus(view, ctx, { filtered })`, as UTF-8 pieces. */
function pushStatus(parts: Buffer[], view: StatusView, ctx: UrlContext, filtered?: FilterMatch[]): void {
  const { whole, head, tail } = shared(view, ctx);
  if (view.reblog) {
    parts.push(head, bytes.reblogKey);
    pushStatus(parts, view.reblog, ctx);
    parts.push(tail);
  } else parts.push(whole);
  parts.push(filtered !== undefined && filtered.length > 0 ? Buffer.from(`${ownPart(view)},"filtered":${JSON.stringify(serializeFilterResults(filtered))}}`) : ownEnd(view, filtered !== undefined));
}

/** The viewer's flags as JSON keys (nothing for an anonymous viewer). */
function ownPart(view: StatusView): string {
  const v = view.viewer;
  if (!v) return '';
  return `,"favourited":${v.favourited},"reblogged":${v.reblogged},"muted":${v.muted},"bookmarked":${v.bookmarked}${v.own && !view.status.reblogOfId ? `,"pinned":${v.pinned}` : ''}`;
}

// The flags, an empty "filtered" and the closing brace take one of a hundred-odd shapes: each is
// encoded once, not once a status.
const ownEnds = new Map<number, Buffer>();
/** `emptyFilters`: the page lists matched filters (a signed-in viewer) and this status matched none. */
function ownEnd(view: StatusView, emptyFilters: boolean): Buffer {
  const v = view.viewer;
  const shape =
    (emptyFilters ? 128 : 0) |
    (v ? 1 | (v.favourited ? 2 : 0) | (v.reblogged ? 4 : 0) | (v.muted ? 8 : 0) | (v.bookmarked ? 16 : 0) | (v.own && !view.status.reblogOfId ? 32 | (v.pinned ? 64 : 0) : 0) : 0);
  let end = ownEnds.get(shape);
  if (!end) ownEnds.set(shape, (end = Buffer.from(`${ownPart(view)}${emptyFilters ? ',"filtered":[]' : ''}}`)));
  return end;
}

/**
 * A page of statuses as a JSON array, in UTF-8: the shared parts are encoded once per row, so a
 * page costs a copy of its bytes rather than encoding (and measuring) a 35 KB string each time.
 */
export function statusesJson(views: StatusView[], ctx: UrlContext, filteredOf?: (id: string) => FilterMatch[]): Buffer<ArrayBuffer> {
  const parts: Buffer[] = [bytes.open];
  for (let i = 0; i < views.length; i++) {
    if (i > 0) parts.push(bytes.comma);
    pushStatus(parts, views[i]!, ctx, filteredOf?.(views[i]!.status.id));
  }
  parts.push(bytes.close);
  // Buffer.concat allocates a buffer of its own, never a shared one.
  return Buffer.concat(parts) as Buffer<ArrayBuffer>;
}
