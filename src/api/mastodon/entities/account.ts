// Account and CredentialAccount entities, as Mastodon serialises them.
import type { User } from '../../../core/accounts/service.ts';
import type { AccountView } from '../../../core/accounts/views.ts';
import type { Account } from '../../../core/accounts/service.ts';
import { escapeHtml } from '../../../core/text/html.ts';
import { plainTextToHtml } from '../../../core/text/plain-to-html.ts';
import { DEFAULT_AVATAR_PATH, DEFAULT_HEADER_PATH } from '../../../core/accounts/images.ts';

export interface UrlContext {
  origin: string;
  domain: string;
  /** where media files are reached (PARLEY_MEDIA_BASE_URL); `<origin>/media` when not given */
  mediaBase?: string;
  /** the reader's languages, most wanted first: which version of a post they get (see api/reader-languages) */
  languages?: readonly string[];
}

/** The URL context of this server's configuration. */
export function urlContext(config: { origin: string; domain: string; media: { publicBaseUrl: string } }): UrlContext {
  return { origin: config.origin, domain: config.domain, mediaBase: config.media.publicBaseUrl };
}

/** Mastodon reports account creation as the day, at midnight UTC. */
function createdDay(date: Date): string {
  return `${date.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

export function accountUrls(account: Account, ctx: UrlContext) {
  if (account.domain && account.uri) return { url: account.url ?? account.uri, uri: account.uri };
  return {
    url: `${ctx.origin}/@${account.username}`,
    uri: `${ctx.origin}/users/${account.username}`,
  };
}

export function serializeAccount(view: AccountView, ctx: UrlContext) {
  const { account, counts } = view;
  const avatar = account.avatarUrl ?? `${ctx.origin}${DEFAULT_AVATAR_PATH}`;
  const header = account.headerUrl ?? `${ctx.origin}${DEFAULT_HEADER_PATH}`;
  return {
    id: account.id,
    username: account.username,
    acct: account.domain ? `${account.username}@${account.domain}` : account.username,
    ...accountUrls(account, ctx),
    display_name: account.displayName,
    note: account.noteHtml,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    locked: account.locked,
    // Remote field values arrive as (sanitised) HTML; local ones are typed as text.
    fields: account.fields.map((f) => ({ name: escapeHtml(f.name), value: account.domain ? f.value : fieldValueHtml(f.value), verified_at: f.verifiedAt })),
    emojis: [] as unknown[],
    bot: account.bot,
    group: false,
    discoverable: account.discoverable,
    indexable: account.indexable,
    hide_collections: account.hideCollections,
    noindex: !account.indexable,
    roles: [] as unknown[],
    created_at: createdDay(account.createdAt),
    // Mastodon gives the day of the last post, not the time.
    last_status_at: counts.lastStatusAt ? counts.lastStatusAt.toISOString().slice(0, 10) : null,
    statuses_count: counts.statusesCount,
    followers_count: counts.followersCount,
    following_count: counts.followingCount,
    ...(account.suspendedAt ? { suspended: true } : {}),
  };
}

/** A field value is plain text with links, shown without paragraph tags. */
function fieldValueHtml(value: string): string {
  return plainTextToHtml(value).replace(/^<p>|<\/p>$/g, '');
}

const ROLES = {
  user: { id: '-99', name: '', permissions: '65536', color: '', highlighted: false },
  moderator: { id: '2', name: 'Moderator', permissions: '1308', color: '', highlighted: true },
  admin: { id: '3', name: 'Admin', permissions: '1', color: '', highlighted: true },
} as const;

export function serializeCredentialAccount(user: User, view: AccountView, ctx: UrlContext, followRequestsCount = 0) {
  const { account } = view;
  return {
    ...serializeAccount(view, ctx),
    source: {
      privacy: user.settings.defaultVisibility,
      sensitive: user.settings.defaultSensitive,
      language: user.settings.defaultLanguage,
      note: account.note,
      // Remote field values arrive as (sanitised) HTML; local ones are typed as text.
      fields: account.fields.map((f) => ({ name: f.name, value: f.value, verified_at: f.verifiedAt })),
      follow_requests_count: followRequestsCount,
      hide_collections: account.hideCollections,
      discoverable: account.discoverable,
      indexable: account.indexable,
      attribution_domains: [] as string[],
    },
    role: ROLES[user.role],
  };
}
