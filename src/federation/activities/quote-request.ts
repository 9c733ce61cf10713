// QuoteRequest (FEP-044f): a local account asks the author of a post on another server whether it
// may quote it; the quoting post travels with it (`instrument`), as Mastodon sends it.
import type { Context } from '@fedify/fedify';
import { QuoteRequest, type Note, type Question } from '@fedify/vocab';
import { activityUri } from '../uris.ts';

export function quoteRequestOf(ctx: Context<void>, username: string, quoteId: string, quoted: { uri: URL; authorUri: URL }, quoting: Note | Question): QuoteRequest {
  return new QuoteRequest({
    id: activityUri(ctx, username, 'quote_requests', quoteId),
    actor: ctx.getActorUri(username),
    object: quoted.uri,
    instrument: quoting,
    to: quoted.authorUri,
  });
}
