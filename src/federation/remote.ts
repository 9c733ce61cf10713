// What other servers send, turned into Parley's accounts and statuses: actors and notes are mapped
// to the core's plain inputs (the core sanitises and decides the rest).
import { attachmentsOf } from './attachments-in.ts';
import type { Context } from '@fedify/fedify';
import { Hashtag, type Image, isActor, Mention, Note, PropertyValue, Question, type Actor, type Object as APObject } from '@fedify/vocab';
import { pollOf } from './polls-in.ts';
import type { Account } from '../core/accounts/service.ts';
import type { RemoteAccountInput } from '../core/accounts/remote.ts';
import type { Core } from '../core/index.ts';
import type { RemoteStatusInput } from '../core/statuses/remote.ts';
import { visibilityOf } from './addressing.ts';
import { localIdentifier, localStatusId } from './uris.ts';

const MAX_MENTIONS = 50;
/** How many unknown posts above a reply are fetched to complete its thread. */
const MAX_THREAD_FETCH = 3;

function href(value: URL | { href: URL | null } | null | undefined): string | null {
  if (!value) return null;
  if (value instanceof URL) return value.href;
  return value.href?.href ?? null;
}

async function imageUrl(load: () => Promise<Image | null>): Promise<string | null> {
  try {
    const image = await load();
    const url = image?.url;
    return url instanceof URL ? url.href : (url?.href?.href ?? null);
  } catch {
    return null;
  }
}

export async function actorInput(ctx: Context<void>, actor: Actor): Promise<RemoteAccountInput | null> {
  if (!actor.id || !actor.inboxId || !actor.preferredUsername) return null;
  const fields: RemoteAccountInput['fields'] = [];
  try {
    for await (const a of actor.getAttachments({ documentLoader: ctx.documentLoader })) {
      if (a instanceof PropertyValue && a.name && a.value) fields.push({ name: a.name.toString(), valueHtml: a.value.toString() });
    }
  } catch {
    // A profile whose attachments cannot be read is still a profile.
  }
  return {
    uri: actor.id.href,
    username: actor.preferredUsername.toString(),
    domain: actor.id.host,
    displayName: actor.name?.toString() ?? '',
    noteHtml: actor.summary?.toString() ?? '',
    fields,
    locked: actor.manuallyApprovesFollowers ?? false,
    bot: actor.constructor.name === 'Service' || actor.constructor.name === 'Application',
    discoverable: actor.discoverable ?? false,
    indexable: actor.indexable ?? false,
    url: href(actor.url as URL | { href: URL | null } | null),
    avatarUrl: await imageUrl(() => actor.getIcon({ documentLoader: ctx.documentLoader })),
    headerUrl: await imageUrl(() => actor.getImage({ documentLoader: ctx.documentLoader })),
    inboxUrl: actor.inboxId.href,
    sharedInboxUrl: actor.endpoints?.sharedInbox?.href ?? null,
    followersUrl: actor.followersId?.href ?? null,
    createdAt: actor.published ? new Date(actor.published.epochMilliseconds) : null,
  };
}

export function createRemote(core: Core) {
  /** The account an actor id names: ours, or a remote one stored (fetched when new or stale). */
  async function account(ctx: Context<void>, uri: URL | null, known?: Actor | null): Promise<Account | null> {
    if (!uri) return null;
    const local = localIdentifier(ctx, uri);
    if (local) return (await core.accounts.localByUsername(local)) ?? null;
    if (uri.origin === ctx.canonicalOrigin) return null;
    const stored = await core.remoteAccounts.byUri(uri.href);
    if (stored && !core.remoteAccounts.isStale(stored) && !known) return stored;
    let actor: Actor | null = known ?? null;
    if (!actor) {
      try {
        const found = await ctx.lookupObject(uri.href);
        actor = isActor(found) ? found : null;
      } catch {
        actor = null;
      }
    }
    // A stale copy is still better than nothing when its server cannot be reached.
    if (!actor || actor.id?.href !== uri.href) return stored ?? null;
    const input = await actorInput(ctx, actor);
    return input ? core.remoteAccounts.upsert(input) : (stored ?? null);
  }

  /** The status an object id names: ours, one stored, or (when `fetch`) fetched and stored. */
  async function statusId(ctx: Context<void>, uri: URL | null, options: { fetch?: boolean; depth?: number } = {}): Promise<string | null> {
    if (!uri) return null;
    const local = localStatusId(ctx, uri);
    if (local) return local;
    const stored = await core.remoteStatuses.byUri(uri.href);
    if (stored || !options.fetch || uri.origin === ctx.canonicalOrigin) return stored?.id ?? null;
    try {
      const found = await ctx.lookupObject(uri.href);
      if (found instanceof Note || found instanceof Question) return receive(ctx, found, undefined, (options.depth ?? 0) + 1);
    } catch {
      // unreachable or not a note: unknown
    }
    return null;
  }

  async function noteInput(ctx: Context<void>, note: Note | Question, author: Account, depth = 0): Promise<RemoteStatusInput | null> {
    if (!note.id) return null;
    const mentionedIds = new Set<string>();
    const tagNames: string[] = [];
    try {
      for await (const tag of note.getTags({ documentLoader: ctx.documentLoader })) {
        if (tag instanceof Mention && mentionedIds.size < MAX_MENTIONS) {
          const a = await account(ctx, tag.href);
          if (a) mentionedIds.add(a.id);
        } else if (tag instanceof Hashtag && tag.name) {
          tagNames.push(tag.name.toString());
        }
      }
    } catch {
      // tags are extras; the note stands without them
    }
    // Local accounts addressed directly are mentioned even when the tag is missing.
    for (const uri of [...note.toIds, ...note.ccIds]) {
      const local = localIdentifier(ctx, uri);
      if (!local) continue;
      const a = await core.accounts.localByUsername(local);
      if (a) mentionedIds.add(a.id);
    }
    const language = note.contents.find((c): c is import('@fedify/vocab').LanguageString => typeof c !== 'string')?.locale.language ?? null;
    return {
      uri: note.id.href,
      url: href(note.url as URL | { href: URL | null } | null),
      contentHtml: note.content?.toString() ?? '',
      spoilerText: note.summary?.toString() ?? '',
      sensitive: note.sensitive ?? false,
      visibility: visibilityOf(note.toIds, note.ccIds, author.followersUrl),
      language,
      // An answer to a post we have not seen brings that post (and a few above it) for the thread.
      inReplyToId: await statusId(ctx, note.replyTargetId, { fetch: depth < MAX_THREAD_FETCH, depth }),
      mentionedIds: [...mentionedIds],
      tagNames,
      publishedAt: note.published ? new Date(note.published.epochMilliseconds) : new Date(),
      attachments: await attachmentsOf(ctx, note),
      poll: note instanceof Question ? ((await pollOf(ctx, note)) ?? null) : undefined,
    };
  }

  /** Stores a remote note (its author must be the one who sent it); returns its id. */
  async function receive(ctx: Context<void>, note: Note | Question, sender?: Account, depth = 0): Promise<string | null> {
    const author = await account(ctx, note.attributionId);
    if (!author?.domain || (sender && sender.id !== author.id)) return null;
    const input = await noteInput(ctx, note, author, depth);
    return input ? core.remoteStatuses.receive(author, input) : null;
  }

  async function revise(ctx: Context<void>, note: Note | Question, sender: Account): Promise<void> {
    if (note.attributionId?.href !== sender.uri) return;
    const input = await noteInput(ctx, note, sender);
    if (input) await core.remoteStatuses.revise(sender, input);
  }

  /**
   * What `/api/v2/search` and `accounts/search` resolve: a handle (`user@host`) or a URL, looked
   * up on its server and stored.
   */
  async function resolve(ctx: Context<void>, query: string): Promise<{ accountId?: string; statusId?: string } | null> {
    const q = query.trim();
    const handle = q.match(/^@?([\w.-]+)@([\w.-]+(?::\d+)?)$/);
    let found: APObject | null = null;
    try {
      if (handle) found = await ctx.lookupObject(`@${handle[1]}@${handle[2]}`);
      else if (/^https?:\/\//.test(q)) {
        const local = localStatusId(ctx, new URL(q));
        if (local) return { statusId: local };
        const known = await core.remoteStatuses.byUri(q);
        if (known) return { statusId: known.id };
        found = await ctx.lookupObject(q);
      }
    } catch {
      return null;
    }
    if (isActor(found)) {
      const a = await account(ctx, found.id, found);
      return a ? { accountId: a.id } : null;
    }
    if (found instanceof Note || found instanceof Question) {
      const id = await receive(ctx, found);
      return id ? { statusId: id } : null;
    }
    return null;
  }

  return { account, statusId, receive, revise, resolve };
}

export type Remote = ReturnType<typeof createRemote>;
