// Status, StatusEdit, StatusSource and Context entities.
import type { StatusVersion } from '../../../core/statuses/service.ts';
import type { StatusView } from '../../../core/statuses/views.ts';
import type { FilterMatch } from '../../../core/filters/service.ts';
import { accountUrls, serializeAccount, type UrlContext } from './account.ts';
import { serializeMediaAttachment } from './media-attachment.ts';
import { sharedPoll } from './poll.ts';
import { quoteApproval } from './quote.ts';
import { VIEWER_PARTS, writeViewerParts, type ViewerPart } from './viewer-parts.ts';
import { editVersions, languagesOfPost } from './status-versions.ts';

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

export interface StatusExtra {
  /** the source text (the answer to a delete, for delete-and-redraft) */
  text?: string;
  /** the viewer's filters that matched */
  filtered?: FilterMatch[];
}

/** The Status entity as this viewer sees it: the plain renderer, and the reference for status-json. */
export function serializeStatus(view: StatusView, ctx: UrlContext, extra: StatusExtra = {}, parts: readonly ViewerPart[] = VIEWER_PARTS): SerializedStatus {
  const entity = sharedStatus(view, ctx, parts);
  writeViewerParts(entity, { view, ctx, text: extra.text, filtered: extra.filtered, languages: ctx.languages }, parts);
  return entity;
}

/** The entity without its viewer parts (entities/viewer-parts): what every reader shares; a reblogged status comes whole. */
export function sharedStatus(view: StatusView, ctx: UrlContext, parts: readonly ViewerPart[] = VIEWER_PARTS): SerializedStatus {
  const { status: s } = view;
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
    quotes_count: s.quotesCount,
    edited_at: s.editedAt ? s.editedAt.toISOString() : null,
    content: s.reblogOfId ? '' : s.contentHtml,
    reblog: view.reblog ? serializeStatus(view.reblog, ctx, {}, parts) : null,
    quote: null,
    application: view.app ? { name: view.app.name, website: view.app.website } : null,
    account: serializeAccount(view.account, ctx),
    media_attachments: view.media.map((m) => serializeMediaAttachment(m, mediaBase(ctx))),
    mentions: view.mentions.map((m) => ({
      id: m.account.id,
      username: m.account.username,
      acct: m.account.domain ? `${m.account.username}@${m.account.domain}` : m.account.username,
      url: accountUrls(m.account, ctx).url,
    })),
    tags: view.tags.map((t) => ({ name: t.name, url: `${ctx.origin}/tags/${encodeURIComponent(t.name)}` })),
    emojis: [] as unknown[],
    card: null,
    poll: view.poll ? sharedPoll(view.poll) : null,
    // As an anonymous reader sees it; the quote and the reader's verdict are viewer parts.
    quote_approval: { ...quoteApproval(view), current_user: 'unknown' },
    parley_languages: languagesOfPost(view),
  };
}

const mediaBase = (ctx: UrlContext) => ctx.mediaBase ?? `${ctx.origin}/media`;

export function serializeStatusEdit(version: StatusVersion, ctx: UrlContext) {
  return {
    content: version.contentHtml,
    spoiler_text: version.spoilerText,
    sensitive: version.sensitive,
    created_at: version.createdAt.toISOString(),
    account: serializeAccount(version.account, ctx),
    // What Mastodon's history gives of a version's poll: its options.
    poll: version.pollOptions ? { options: version.pollOptions.map((title) => ({ title })) } : null,
    media_attachments: version.media.map((m) => serializeMediaAttachment(m, mediaBase(ctx))),
    emojis: [] as unknown[],
    ...editVersions(version),
  };
}
