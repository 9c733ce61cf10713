// What other servers send, turned into Parley's accounts and statuses: actors and notes are mapped
// to the core's plain inputs (the core sanitises and decides the rest).
import type { Context } from '@fedify/fedify';
import { type Activity, type Image, isActor, Note, PropertyValue, Question, type Actor } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import type { RemoteAccountInput } from '../core/accounts/remote.ts';
import type { Core } from '../core/index.ts';
import { href, noteInput } from './note-input.ts';
import { resolveQuery } from './resolve.ts';
import { localIdentifier, localStatusId } from './uris.ts';

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
      if (found instanceof Note || found instanceof Question) return receive(ctx, found, { depth: (options.depth ?? 0) + 1 });
    } catch {
      // unreachable or not a note: unknown
    }
    return null;
  }

  const reading = { core, account, statusId };

  /**
   * Stores a remote note (its author must be the one who sent it, `sender`); returns its id. `via`:
   * the activity it came in; `depth`: how far below a post it was fetched for.
   */
  async function receive(ctx: Context<void>, note: Note | Question, from: { sender?: Account; depth?: number; via?: Activity } = {}): Promise<string | null> {
    const author = await account(ctx, note.attributionId);
    if (!author?.domain || (from.sender && from.sender.id !== author.id)) return null;
    const input = await noteInput(reading, ctx, note, author, from);
    return input ? core.remoteStatuses.receive(author, input) : null;
  }

  async function revise(ctx: Context<void>, note: Note | Question, sender: Account, via?: Activity): Promise<void> {
    if (note.attributionId?.href !== sender.uri) return;
    const input = await noteInput(reading, ctx, note, sender, { via });
    const id = input ? await core.remoteStatuses.revise(sender, input) : null;
    // A quote's authorization comes with an update of the note (see quote-in).
    if (id && input?.quote) await core.statuses.remoteQuotes.record(sender, id, input.quote);
  }

  /**
   * What `/api/v2/search` and `accounts/search` resolve: a handle (`user@host`) or a URL, looked
   * up on its server and stored.
   */
  const resolve = (ctx: Context<void>, query: string) => resolveQuery({ core, account, receive }, ctx, query);

  return { account, statusId, receive, revise, resolve };
}

export type Remote = ReturnType<typeof createRemote>;
