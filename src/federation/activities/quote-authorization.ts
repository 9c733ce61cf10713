// QuoteAuthorization (FEP-044f): the stamp a local author gives one quote of their post, served
// at its own address so that any server can check a quote it is shown (see objects).
import type { Context } from '@fedify/fedify';
import { QuoteAuthorization } from '@fedify/vocab';

/** Where the authorization of quote `quoteId` of a post by `username` is served. */
export const authorizationUri = (ctx: Context<void>, username: string, quoteId: string): URL => ctx.getObjectUri(QuoteAuthorization, { identifier: username, id: quoteId });

export function quoteAuthorizationOf(ctx: Context<void>, username: string, quoteId: string, quoting: URL, quoted: URL): QuoteAuthorization {
  return new QuoteAuthorization({
    id: authorizationUri(ctx, username, quoteId),
    attribution: ctx.getActorUri(username),
    interactingObject: quoting,
    interactionTarget: quoted,
  });
}
