// Quotes in what other servers send (FEP-044f, and the older `_misskey_quote`, `quoteUri` and
// `quoteUrl`, which Fedify reads as one): the quoted post, and whether the authorization the
// note shows is real: served by the quoted author's server, by that author, for this very quote.
import type { Context } from '@fedify/fedify';
import { type Note, PUBLIC_COLLECTION, type Question, QuoteAuthorization } from '@fedify/vocab';
import type { QuotePolicy } from '../core/statuses/quote-policy.ts';
import type { RemoteQuoteInput } from '../core/statuses/remote-quote.ts';
import type { NoteReading } from './note-input.ts';

/** How many unknown posts are fetched along a chain of quotes. */
const MAX_QUOTE_FETCH = 2;

export interface ExpectedAuthorization {
  quoting: URL;
  quoted: URL;
  /** the quoted post's author */
  author: URL;
}

/**
 * Fetches an authorization and checks it names this quote and comes from the quoted author:
 * 'missing' when none is served there (a quote Mastodon rejects), 'mismatch' when it names another
 * (one it leaves pending).
 */
export async function checkAuthorization(ctx: Context<void>, uri: URL, expected: ExpectedAuthorization): Promise<'valid' | 'mismatch' | 'missing'> {
  if (uri.origin !== expected.author.origin) return 'mismatch';
  let object: unknown;
  try {
    object = await ctx.lookupObject(uri.href);
  } catch {
    object = null;
  }
  if (!(object instanceof QuoteAuthorization) || object.id?.href !== uri.href) return 'missing';
  const same = (a: URL | null, b: URL) => a?.href === b.href;
  return same(object.attributionId, expected.author) && same(object.interactingObjectId, expected.quoting) && same(object.interactionTargetId, expected.quoted) ? 'valid' : 'mismatch';
}

/**
 * Who may quote a remote note, from its `interactionPolicy.canQuote` (as Mastodon reads it): anyone,
 * its author's followers, anyone asking (manual), or its author alone. Servers that say nothing
 * (Misskey, older ones) are taken at their word by their answer to a request: public.
 */
export function quotePolicyOf(note: Note | Question, followersUri: string | null): QuotePolicy {
  const rule = note.interactionPolicy?.canQuote;
  if (!rule) return 'public';
  const names = (uris: URL[]) => new Set(uris.map((u) => u.href));
  const automatic = names(rule.automaticApprovals);
  if (automatic.has(PUBLIC_COLLECTION.href)) return 'public';
  if (followersUri && automatic.has(followersUri)) return 'followers';
  return names(rule.manualApprovals).has(PUBLIC_COLLECTION.href) ? 'manual' : 'nobody';
}

/** What a remote note quotes, if anything, with its authorization checked (ours are the core's to judge). */
export async function noteQuote(reading: NoteReading, ctx: Context<void>, note: Note | Question, depth: number): Promise<RemoteQuoteInput | null> {
  const uri = note.quoteId ?? note.quoteUrl;
  if (!uri || !note.id) return null;
  const quotedId = await reading.statusId(ctx, uri, { fetch: depth < MAX_QUOTE_FETCH, depth });
  const approvalUri = note.quoteAuthorizationId;
  const none: RemoteQuoteInput = { quotedId, approval: 'none', approvalUri: null };
  if (!quotedId || !approvalUri || approvalUri.origin === ctx.canonicalOrigin) return none;
  const quoted = await reading.core.remoteStatuses.addressOf(quotedId);
  const [author] = quoted ? await reading.core.accounts.byIds([quoted.accountId]) : [];
  if (!quoted?.uri || !author?.uri) return none;
  const verdict = await checkAuthorization(ctx, approvalUri, { quoting: note.id, quoted: new URL(quoted.uri), author: new URL(author.uri) });
  return { quotedId, approval: verdict === 'valid' ? 'valid' : verdict === 'missing' ? 'invalid' : 'none', approvalUri: approvalUri.href };
}
