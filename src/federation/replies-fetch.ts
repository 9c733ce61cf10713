// The 'replies.fetch' job (queued by the core when a reader opens a remote post's thread, see
// core/statuses/remote-replies): the post's `replies` collection read on its server, and each
// reply not known here looked up at its own address (Fedify's lookup: the address guards of the
// federation config, and an object whose id is not where it was fetched from is refused) and
// stored as any remote note; the replies' own collections are read too, breadth first. Bounded:
// a few pages per collection, a few levels, a few dozen replies in all.
import type { Context, Federation } from '@fedify/fedify';
import { type Collection, CollectionPage, type DocumentLoader, Note, Question } from '@fedify/vocab';
import type { Core } from '../core/index.ts';
import type { Log } from '../infra/log.ts';
import type { Remote } from './remote.ts';
import { localStatusId } from './uris.ts';

/** Pages read of one collection. */
export const MAX_PAGES = 5;
/** Levels of replies below the post (its replies are the first). */
export const MAX_DEPTH = 3;
/** Replies looked up in one job, new or not. */
export const MAX_REPLIES = 60;

interface Walk {
  ctx: Context<void>;
  loader: DocumentLoader;
  /** lookups left */
  budget: number;
  found: number;
}

/** The ids of a collection's items: inline, then page by page. */
async function itemIdsOf(collection: Collection, loader: DocumentLoader): Promise<URL[]> {
  const ids = [...collection.itemIds];
  let page: CollectionPage | null = await collection.getFirst({ documentLoader: loader, suppressError: true });
  for (let n = 0; page && n < MAX_PAGES; n++) {
    ids.push(...page.itemIds);
    page = page.nextId ? await page.getNext({ documentLoader: loader, suppressError: true }) : null;
  }
  return ids;
}

export function createRepliesFetch(deps: { federation: Federation<void>; core: Core; remote: Remote; origin: string; log: Log }) {
  const { federation, core, remote, origin, log } = deps;

  /**
   * One reply to `parent`: stored when new (and counted); its note, to read its own replies, when
   * new. An item that does not answer the post whose collection listed it is left alone: a
   * collection cannot make Parley store posts of no thread.
   */
  async function take(walk: Walk, parent: Note | Question, id: URL): Promise<Note | Question | null> {
    if (localStatusId(walk.ctx, id) || (await core.remoteStatuses.byUri(id.href))) return null;
    walk.budget--;
    const object = await walk.ctx.lookupObject(id.href, { documentLoader: walk.loader }).catch(() => null);
    if (!(object instanceof Note || object instanceof Question) || object.id?.href !== id.href) return null;
    if (object.replyTargetId?.href !== parent.id?.href) return null;
    const stored = await remote.receive(walk.ctx, object);
    if (!stored) return null;
    walk.found++;
    return object;
  }

  async function walkFrom(walk: Walk, root: Note | Question): Promise<void> {
    let level: (Note | Question)[] = [root];
    for (let depth = 0; depth < MAX_DEPTH && level.length > 0 && walk.budget > 0; depth++) {
      const next: (Note | Question)[] = [];
      for (const note of level) {
        const replies = await note.getReplies({ documentLoader: walk.loader, suppressError: true });
        if (!replies) continue;
        for (const id of await itemIdsOf(replies, walk.loader)) {
          if (walk.budget <= 0) return;
          const taken = await take(walk, note, id);
          if (taken) next.push(taken);
        }
      }
      level = next;
    }
  }

  async function fetchReplies(ctx: Context<void>, job: { statusId: string; refreshId: string; accountId: string }): Promise<number> {
    const address = await core.remoteStatuses.addressOf(job.statusId);
    if (!address?.uri || address.local) return 0;
    const [signer] = await core.accounts.byIds([job.accountId]);
    // Signed as the reader, for servers that answer signed requests only.
    const loader = signer && !signer.domain ? await ctx.getDocumentLoader({ identifier: signer.username }) : ctx.documentLoader;
    const root = await ctx.lookupObject(address.uri, { documentLoader: loader });
    if (!(root instanceof Note || root instanceof Question) || root.id?.href !== address.uri) return 0;
    const walk: Walk = { ctx, loader, budget: MAX_REPLIES, found: 0 };
    await walkFrom(walk, root);
    return walk.found;
  }

  return async function run(job: { statusId: string; refreshId: string; accountId: string }): Promise<void> {
    const ctx = federation.createContext(new URL(origin), undefined);
    // The server not answering ends the refresh all the same: the client stops waiting.
    const found = await fetchReplies(ctx, job).catch((error: unknown) => {
      log.info(`fetching the replies of status ${job.statusId} failed: ${String(error)}`);
      return 0;
    });
    await core.statuses.remoteReplies.found(job.refreshId, found);
    await core.statuses.remoteReplies.finished(job.refreshId);
  };
}
