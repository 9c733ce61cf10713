// What other servers hear of quotes (FEP-044f): our requests to quote their posts, our answers to
// theirs, and revokes. (Filled in with the federation of quotes.)
import type { Handlers } from './delivery.ts';

type QuoteHandlers = Pick<Handlers, 'quote.requested' | 'quote.accepted' | 'quote.rejected' | 'quote.revoked'>;

export function createQuoteDelivery(): QuoteHandlers {
  const pending = async (): Promise<void> => {};
  return { 'quote.requested': pending, 'quote.accepted': pending, 'quote.rejected': pending, 'quote.revoked': pending };
}
