// A remote Note mapped to the core's plain input for a status (the core sanitises and decides the
// rest): its mentions and hashtags, its addressing as a visibility, its language, and the post it
// answers (fetched when unknown, a few levels up, to complete the thread).
import { attachmentsOf } from './attachments-in.ts';
import type { Context } from '@fedify/fedify';
import { type Activity, Hashtag, Mention, type Note, Question } from '@fedify/vocab';
import { languagesOfNote } from './language-maps-in.ts';
import { pollOf } from './polls-in.ts';
import { noteQuote, quotePolicyOf } from './quote-in.ts';
import type { Account } from '../core/accounts/service.ts';
import type { Core } from '../core/index.ts';
import type { RemoteContext, RemoteStatusInput } from '../core/statuses/remote.ts';
import { visibilityOf } from './addressing.ts';
import { localConversationId, localIdentifier } from './uris.ts';

const MAX_MENTIONS = 50;
/** How many unknown posts above a reply are fetched to complete its thread. */
const MAX_THREAD_FETCH = 3;

/** What reading a note needs of the rest (see remote). */
export interface NoteReading {
  core: Core;
  account(ctx: Context<void>, uri: URL | null): Promise<Account | null>;
  statusId(ctx: Context<void>, uri: URL | null, options: { fetch?: boolean; depth?: number }): Promise<string | null>;
}

/** A link's address, whether given as a URL or as a Link. */
export function href(value: URL | { href: URL | null } | null | undefined): string | null {
  if (!value) return null;
  if (value instanceof URL) return value.href;
  return value.href?.href ?? null;
}

/** The accounts a note mentions (by tag, or addressed directly when local) and its hashtags. */
async function tagsOf(reading: NoteReading, ctx: Context<void>, note: Note | Question): Promise<{ mentionedIds: string[]; tagNames: string[] }> {
  const mentionedIds = new Set<string>();
  const tagNames: string[] = [];
  try {
    for await (const tag of note.getTags({ documentLoader: ctx.documentLoader })) {
      if (tag instanceof Mention && mentionedIds.size < MAX_MENTIONS) {
        const a = await reading.account(ctx, tag.href);
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
    const a = await reading.core.accounts.localByUsername(local);
    if (a) mentionedIds.add(a.id);
  }
  return { mentionedIds: [...mentionedIds], tagNames };
}

/** The thread a note says it belongs to (its first `context`): one of ours by its id, or another server's name. */
function contextOf(ctx: Context<void>, note: Note | Question): RemoteContext | null {
  const [uri] = note.contextIds;
  if (!uri) return null;
  const local = localConversationId(ctx, uri);
  return local ? { conversationId: local } : { uri: uri.href };
}

/** `depth`: how many posts below it is (see MAX_THREAD_FETCH); `via`: the activity it came in, if any. */
export async function noteInput(
  reading: NoteReading,
  ctx: Context<void>,
  note: Note | Question,
  author: Account,
  from: { depth?: number; via?: Activity | undefined } = {},
): Promise<RemoteStatusInput | null> {
  const depth = from.depth ?? 0;
  if (!note.id) return null;
  const { mentionedIds, tagNames } = await tagsOf(reading, ctx, note);
  const { language, contentHtml, spoilerText, versions } = languagesOfNote(note);
  return {
    uri: note.id.href,
    url: href(note.url as URL | { href: URL | null } | null),
    contentHtml,
    spoilerText,
    sensitive: note.sensitive ?? false,
    visibility: visibilityOf(note.toIds, note.ccIds, author.followersUrl),
    language,
    versions,
    // An answer to a post we have not seen brings that post (and a few above it) for the thread.
    inReplyToId: await reading.statusId(ctx, note.replyTargetId, { fetch: depth < MAX_THREAD_FETCH, depth }),
    mentionedIds,
    tagNames,
    publishedAt: note.published ? new Date(note.published.epochMilliseconds) : new Date(),
    attachments: await attachmentsOf(ctx, note, from.via),
    poll: note instanceof Question ? ((await pollOf(ctx, note)) ?? null) : undefined,
    quote: await noteQuote(reading, ctx, note, depth),
    quotePolicy: quotePolicyOf(note, author.followersUrl),
    context: contextOf(ctx, note),
  };
}
