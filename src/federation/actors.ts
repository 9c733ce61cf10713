// Local accounts as ActivityPub actors, with their keys and their public collections.
import type { Context, Federation } from '@fedify/fedify';
import type { Account } from '../core/accounts/service.ts';
import { Endpoints, Hashtag, Image, Person, PropertyValue } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import type { Core } from '../core/index.ts';
import { DEFAULT_AVATAR_PATH } from '../core/accounts/images.ts';
import { noteOf } from './activities/note.ts';
import { publishedOf } from './activities/published.ts';

const PAGE = 40;

/** A local account as its Person document (served at its id, and sent in profile Updates). */
export async function personOf(ctx: Context<void>, account: Account, origin: string): Promise<Person> {
  const identifier = account.username;
  const pairs = await ctx.getActorKeyPairs(identifier);
  return new Person({
    id: ctx.getActorUri(identifier),
    preferredUsername: account.username,
    name: account.displayName || account.username,
    summary: account.noteHtml || null,
    url: new URL(`/@${account.username}`, origin),
    inbox: ctx.getInboxUri(identifier),
    outbox: ctx.getOutboxUri(identifier),
    followers: ctx.getFollowersUri(identifier),
    following: ctx.getFollowingUri(identifier),
    featured: ctx.getFeaturedUri(identifier),
    featuredTags: ctx.getFeaturedTagsUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    manuallyApprovesFollowers: account.locked,
    discoverable: account.discoverable,
    indexable: account.indexable,
    published: Temporal.Instant.fromEpochMilliseconds(account.createdAt.getTime()),
    icon: new Image({ url: new URL(account.avatarUrl ?? DEFAULT_AVATAR_PATH, origin), mediaType: 'image/png' }),
    attachments: account.fields.map((f) => new PropertyValue({ name: f.name, value: f.value })),
    publicKey: pairs[0]?.cryptographicKey ?? null,
    assertionMethods: pairs.map((p) => p.multikey),
  });
}

export function setActors(federation: Federation<void>, deps: { core: Core; origin: string }): void {
  const { core, origin } = deps;
  const owner = async (identifier: string) => {
    const account = await core.accounts.localByUsername(identifier);
    return account && !account.suspendedAt ? account : null;
  };

  federation
    .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
      const account = await owner(identifier);
      return account ? personOf(ctx, account, origin) : null;
    })
    .mapHandle(async (_ctx, username) => (await owner(username))?.username ?? null)
    .setKeyPairsDispatcher(async (_ctx, identifier) => {
      const account = await core.accounts.localByUsername(identifier);
      return account ? core.accountKeys.pairsFor(account.id) : [];
    });

  // Hidden collections show counts only; core decides (relations.collection).
  const counts = async (identifier: string) => {
    const account = await owner(identifier);
    return account ? (await core.accountViews.one(account)).counts : null;
  };

  federation
    .setFollowersDispatcher('/users/{identifier}/followers', async (ctx, identifier, cursor) => {
      const account = await owner(identifier);
      if (!account || cursor === null) return null;
      const page = await core.relations.collection('followers', null, account.id, { limit: PAGE, maxId: cursor || undefined });
      return {
        items: page.items.map(({ account: a }) =>
          a.domain && a.uri && a.inboxUrl
            ? { id: new URL(a.uri), inboxId: new URL(a.inboxUrl), endpoints: { sharedInbox: a.sharedInboxUrl ? new URL(a.sharedInboxUrl) : null } }
            : { id: ctx.getActorUri(a.username), inboxId: ctx.getInboxUri(a.username), endpoints: { sharedInbox: ctx.getInboxUri() } },
        ),
        nextCursor: page.items.length === PAGE ? page.cursors!.oldest : null,
      };
    })
    .setCounter(async (_ctx, identifier) => (await counts(identifier))?.followersCount ?? null)
    .setFirstCursor(() => '');

  federation
    .setFollowingDispatcher('/users/{identifier}/following', async (ctx, identifier, cursor) => {
      const account = await owner(identifier);
      if (!account || cursor === null) return null;
      const page = await core.relations.collection('following', null, account.id, { limit: PAGE, maxId: cursor || undefined });
      return {
        items: page.items.map(({ account: a }) => (a.domain && a.uri ? new URL(a.uri) : ctx.getActorUri(a.username))),
        nextCursor: page.items.length === PAGE ? page.cursors!.oldest : null,
      };
    })
    .setCounter(async (_ctx, identifier) => (await counts(identifier))?.followingCount ?? null)
    .setFirstCursor(() => '');

  // The outbox lists what anyone may read: public and unlisted posts and reblogs, newest first.
  federation
    .setOutboxDispatcher('/users/{identifier}/outbox', async (ctx, identifier, cursor) => {
      const account = await owner(identifier);
      if (!account || cursor === null) return null;
      const page = await core.timelines.account(null, account.id, {}, { limit: PAGE, maxId: cursor || undefined });
      return {
        items: await Promise.all(page.items.map((view) => publishedOf(ctx, core, view))),
        nextCursor: page.items.length === PAGE ? page.cursors!.oldest : null,
      };
    })
    .setCounter(async (_ctx, identifier) => (await counts(identifier))?.statusesCount ?? null)
    .setFirstCursor(() => '');

  federation.setFeaturedDispatcher('/users/{identifier}/collections/featured', async (ctx, identifier) => {
    const account = await owner(identifier);
    if (!account) return null;
    const page = await core.timelines.account(null, account.id, { pinned: true }, { limit: 20 });
    return { items: await Promise.all(page.items.map((view) => noteOf(ctx, core, view))) };
  });

  // Featured hashtags, as Mastodon serves them: each a Hashtag linking to the account's posts carrying it.
  const featuredTags = async (identifier: string) => {
    const account = await owner(identifier);
    return account ? { account, featured: await core.tags.featuredOf(account.id) } : null;
  };
  federation
    .setFeaturedTagsDispatcher('/users/{identifier}/collections/tags', async (_ctx, identifier) => {
      const found = await featuredTags(identifier);
      if (!found) return null;
      const { account, featured } = found;
      return {
        items: featured.map((f) => new Hashtag({ href: new URL(`/@${account.username}/tagged/${encodeURIComponent(f.tag.name)}`, origin), name: `#${f.tag.displayName}` })),
      };
    })
    .setCounter(async (_ctx, identifier) => (await featuredTags(identifier))?.featured.length ?? null);
}
