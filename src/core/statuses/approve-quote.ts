// The author of a status answering by hand a request to quote it (Parley's manual policy): the
// quote is accepted and counted, and the quoter hears of it (their server, when remote; their
// followers' servers, through an update of a local quoting post that now carries its authorization).
import type { Db } from '../../store/db.ts';
import { quoteOf, setQuoteState } from '../../store/statuses/quotes.ts';
import type { Account } from '../accounts/service.ts';
import { NotFoundError } from '../errors.ts';
import type { Notifications } from '../notifications/service.ts';
import type { Outbox } from '../outbox.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import { quoteAccepted } from './quote-write.ts';
import type { StatusView } from './views.ts';

export function createApproveQuote(deps: { db: Db; outbox: Outbox; notifications: Notifications; access: StatusAccess; changes: StatusChanges }) {
  const { db, outbox, access, changes } = deps;

  /** Accepts the pending quote `quotingId` makes of the author's `quotedId`; the quoting status as the author now sees it. */
  return async function approveQuote(author: Account, quotedId: string, quotingId: string): Promise<StatusView> {
    const quoted = await access.own(author, quotedId);
    const quote = await quoteOf(db, quotingId);
    if (!quote || quote.quotedStatusId !== quoted.id) throw new NotFoundError();
    await db.transaction(async (tx) => {
      const accepted = await setQuoteState(tx, quote.id, 'accepted', ['pending']);
      if (!accepted) return;
      await quoteAccepted(tx, deps, { quotingStatusId: quotingId, quoterId: quote.accountId, quotedStatusId: quoted.id, quotedAccountId: author.id });
      if (quote.activityUri) await outbox.publish(tx, { type: 'quote.accepted', quoteId: quote.id });
      else if (await outbox.concernsRemote(tx, quotingId)) await outbox.publish(tx, { type: 'status.updated', statusId: quotingId });
    });
    await changes.committed({ statusIds: [quotingId, quoted.id] });
    return access.view(author.id, quotingId);
  };
}
