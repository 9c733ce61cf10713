// The author of a status withdrawing their consent to one quote of it (Mastodon's revoke): the quote
// shows as revoked everywhere, and the quoter's server hears of it (see federation).
import type { Db } from '../../store/db.ts';
import { quoteOf, setQuoteState } from '../../store/statuses/quotes.ts';
import { addToCount } from '../../store/statuses/rows.ts';
import type { Account } from '../accounts/service.ts';
import { NotFoundError } from '../errors.ts';
import type { Outbox } from '../outbox.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import type { StatusView } from './views.ts';

export function createRevokeQuote(deps: { db: Db; outbox: Outbox; access: StatusAccess; changes: StatusChanges }) {
  const { db, outbox, access, changes } = deps;

  /** Revokes the quote `quotingId` makes of the author's `quotedId`; the quoting status as the author now sees it. */
  return async function revokeQuote(author: Account, quotedId: string, quotingId: string): Promise<StatusView> {
    const quoted = await access.own(author, quotedId);
    const quote = await quoteOf(db, quotingId);
    if (!quote || quote.quotedStatusId !== quoted.id) throw new NotFoundError();
    await db.transaction(async (tx) => {
      const revoked = await setQuoteState(tx, quote.id, 'revoked', ['accepted', 'pending']);
      if (!revoked) return;
      if (quote.state === 'accepted') await addToCount(tx, quoted.id, 'quotes', -1);
      // A request still waiting (Parley's manual policy) is refused rather than revoked.
      const refused = quote.state === 'pending' && quote.activityUri !== null;
      await outbox.publish(tx, { type: refused ? 'quote.rejected' : 'quote.revoked', quoteId: quote.id });
    });
    await changes.committed({ statusIds: [quotingId, quoted.id] });
    return access.view(author.id, quotingId);
  };
}
