// Status, StatusEdit, StatusSource and Context entities.
import type { StatusVersion } from '../../../core/statuses/service.ts';
import type { StatusView } from '../../../core/statuses/views.ts';
import type { FilterMatch } from '../../../core/filters/service.ts';
import { accountUrls, serializeAccount, type UrlContext } from './account.ts';
import { serializeFilterResults } from './filter.ts';

export function statusUrls(view: { status: { id: string; uri: string | null; url: string | null }; account: { account: { username: string } } }, ctx: UrlContext) {
  const { status, account } = view;
  return {
    uri: status.uri ?? `${ctx.origin}/users/${account.account.username}/statuses/${status.id}`,
    url: status.url ?? `${ctx.origin}/@${account.account.username}/${status.id}`,
  };
}

export interface SerializedStatus {
  id: string;
  [key: string]: unknown;
}

export function serializeStatus(view: StatusView, ctx: UrlContext, extra: { text?: string; filtered?: FilterMatch[] } = {}): SerializedStatus {
  const { status: s, viewer } = view;
  const urls = statusUrls(view, ctx);
  return {
    id: s.id,
    created_at: s.createdAt.toISOString(),
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToAccountId,
    sensitive: s.sensitive,
    spoiler_text: s.spoilerText,
    visibility: s.visibility,
    language: s.language,
    uri: urls.uri,
    url: s.reblogOfId ? null : urls.url,
    replies_count: s.repliesCount,
    reblogs_count: s.reblogsCount,
    favourites_count: s.favouritesCount,
    quotes_count: 0,
    edited_at: s.editedAt ? s.editedAt.toISOString() : null,
    content: s.reblogOfId ? '' : s.contentHtml,
    reblog: view.reblog ? serializeStatus(view.reblog, ctx) : null,
    quote: null,
    application: view.app ? { name: view.app.name, website: view.app.website } : null,
    account: serializeAccount(view.account, ctx),
    media_attachments: [] as unknown[],
    mentions: view.mentions.map((m) => ({
      id: m.account.id,
      username: m.account.username,
      acct: m.account.domain ? `${m.account.username}@${m.account.domain}` : m.account.username,
      url: accountUrls(m.account, ctx).url,
    })),
    tags: view.tags.map((t) => ({ name: t.name, url: `${ctx.origin}/tags/${encodeURIComponent(t.name)}` })),
    emojis: [] as unknown[],
    card: null,
    poll: null,
    ...(viewer
      ? {
          favourited: viewer.favourited,
          reblogged: viewer.reblogged,
          muted: viewer.muted,
          bookmarked: viewer.bookmarked,
          // Mastodon only says "pinned" on the viewer's own statuses.
          ...(viewer.own && !s.reblogOfId ? { pinned: viewer.pinned } : {}),
        }
      : {}),
    ...(extra.text !== undefined ? { text: extra.text } : {}),
    // The viewer's filters that matched (listed for signed-in viewers, as Mastodon does).
    ...(extra.filtered !== undefined ? { filtered: serializeFilterResults(extra.filtered) } : {}),
  };
}

export function serializeStatusEdit(version: StatusVersion, ctx: UrlContext) {
  return {
    content: version.contentHtml,
    spoiler_text: version.spoilerText,
    sensitive: version.sensitive,
    created_at: version.createdAt.toISOString(),
    account: serializeAccount(version.account, ctx),
    poll: null,
    media_attachments: [] as unknown[],
    emojis: [] as unknown[],
  };
}
