// The answer to a QuoteRequest of ours (FEP-044f): the quoted post's author, on another server,
// accepted our account's quote (with the authorization it serves) or refused it. An accepted
// quote is shown and counted, and our followers' servers hear of the authorization with an update
// of the quoting post.
import type { Db } from '../../store/db.ts';
import { quoteById, setQuoteState } from '../../store/statuses/quotes.ts';
import { addToCount } from '../../store/statuses/rows.ts';
import type { Account } from '../accounts/service.ts';
import { ForbiddenError } from '../errors.ts';
import type { Outbox } from '../outbox.ts';
import type { StatusChanges } from './changes.ts';

export type QuoteAnswer = { accepted: true; approvalUri: string } | { accepted: false };

export function createQuoteAnswered(deps: { db: Db; outbox: Outbox; changes: StatusChanges }) {
  const { db, outbox, changes } = deps;

  /** `sender` (the quoted post's author) answered the request for quote `quoteId`; whether it changed anything. */
  return async function quoteAnswered(sender: Account, quoteId: string, answer: QuoteAnswer): Promise<boolean> {
    const quote = await quoteById(db, quoteId);
    if (!quote || quote.quotedAccountId !== sender.id) throw new ForbiddenError('not a quote of this account’s post');
    const moved = await db.transaction(async (tx) => {
      if (!answer.accepted) return setQuoteState(tx, quote.id, 'rejected', ['pending']);
      const row = await setQuoteState(tx, quote.id, 'accepted', ['pending'], answer.approvalUri);
      if (row && row.quotedStatusId) await addToCount(tx, row.quotedStatusId, 'quotes', 1);
      if (row) await outbox.publish(tx, { type: 'status.updated', statusId: quote.statusId });
      return row;
    });
    if (moved) await changes.committed({ statusIds: [quote.statusId, ...(quote.quotedStatusId ? [quote.quotedStatusId] : [])] });
    return moved !== undefined;
  };
}
