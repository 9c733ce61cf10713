// What other servers hear of quotes (FEP-044f): our requests to quote their posts (a QuoteRequest
// to the quoted author), our answers to theirs (Accept with the authorization we serve, or Reject),
// and revokes (a Delete of the authorization, to the quoter's server and whoever may have seen it).
import type { Context } from '@fedify/fedify';
import type { Activity } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import type { Core } from '../core/index.ts';
import type { OutboxEvent, RemoteRecipient } from '../core/outbox.ts';
import { deleteAuthorizationOf } from './activities/delete.ts';
import { noteOf } from './activities/note.ts';
import { quoteAnswerOf } from './activities/quote-answer.ts';
import { authorizationUri } from './activities/quote-authorization.ts';
import { quoteRequestOf } from './activities/quote-request.ts';
import type { Handlers } from './delivery.ts';
import { actorUri, statusUri } from './uris.ts';

type QuoteHandlers = Pick<Handlers, 'quote.requested' | 'quote.accepted' | 'quote.rejected' | 'quote.revoked'>;
type Send = (ctx: Context<void>, from: Account, to: RemoteRecipient[], activity: Activity) => Promise<void>;

export function createQuoteDelivery(deps: { core: Core; send: Send }): QuoteHandlers {
  const { core, send } = deps;

  /** A quote with both its posts and their authors, as addresses. */
  async function quoteOf(quoteId: string) {
    const quote = await core.statuses.quoteById(quoteId);
    if (!quote?.quotedStatusId || !quote.quotedAccountId) return undefined;
    const [quoting, quoted] = await Promise.all([core.remoteStatuses.addressOf(quote.statusId), core.remoteStatuses.addressOf(quote.quotedStatusId)]);
    const [quoter, author] = await core.accounts
      .byIds([quote.accountId, quote.quotedAccountId])
      .then((found) => [found.find((a) => a.id === quote.accountId), found.find((a) => a.id === quote.quotedAccountId)]);
    if (!quoting || !quoted || !quoter || !author) return undefined;
    return { quote, quoting, quoted, quoter, author };
  }

  const to = (...accountIds: string[]) => core.outbox.recipients('0', { followers: false, accountIds });

  return {
    async 'quote.requested'(ctx, event) {
      const found = await quoteOf(event.quoteId);
      const view = found ? await core.statusViews.forDelivery(found.quote.statusId) : undefined;
      if (!found || !view || found.quoter.domain || !found.author.domain) return;
      const request = quoteRequestOf(ctx, found.quoter.username, found.quote.id, { uri: statusUri(ctx, found.quoted), authorUri: actorUri(ctx, found.author) }, await noteOf(ctx, core, view));
      return send(ctx, found.quoter, await to(found.author.id), request);
    },

    'quote.accepted': (ctx, event) => answer(ctx, event),
    'quote.rejected': (ctx, event) => answer(ctx, event),

    async 'quote.revoked'(ctx, event) {
      const found = await quoteOf(event.quoteId);
      if (!found || found.author.domain) return;
      const { quote, quoter, author } = found;
      // The quoter's server, and the followers' servers of both, which may show the quote.
      const recipients = [
        ...(await core.outbox.recipients(author.id, { followers: true, accountIds: [quoter.id] })),
        ...(quoter.domain ? [] : await core.outbox.recipients(quoter.id, { followers: true, accountIds: [] })),
      ];
      const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
      return send(ctx, author, unique, deleteAuthorizationOf(ctx, author.username, authorizationUri(ctx, author.username, quote.id)));
    },
  };

  async function answer(ctx: Context<void>, event: Extract<OutboxEvent, { type: 'quote.accepted' | 'quote.rejected' }>): Promise<void> {
    const accepted = event.type === 'quote.accepted';
    const found = await quoteOf(event.quoteId);
    if (!found || !found.quoter.domain || found.author.domain || !found.quote.activityUri) return;
    const { quote, quoting, quoted, quoter, author } = found;
    const request = { id: new URL(quote.activityUri!), requester: actorUri(ctx, quoter), quoted: statusUri(ctx, quoted), quoting: statusUri(ctx, quoting) };
    const activity = quoteAnswerOf(ctx, author.username, quote.id, request, accepted ? authorizationUri(ctx, author.username, quote.id) : null);
    return send(ctx, author, await to(quoter.id), activity);
  }
}
