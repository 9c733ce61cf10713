// Writing a new quote inside its post's commit: the row, and what follows from its state (an
// accepted quote counts on the quoted status and tells its author; a pending one asks its server).
import type { Tx } from '../../store/db.ts';
import { insertQuote } from '../../store/statuses/quotes.ts';
import { addToCount } from '../../store/statuses/rows.ts';
import type { Notifications } from '../notifications/service.ts';
import type { Outbox } from '../outbox.ts';
import type { NewQuote } from './quote.ts';
import type { Status } from './views.ts';

export async function writeQuote(tx: Tx, deps: { notifications: Notifications; outbox: Outbox }, row: Status, quote: NewQuote): Promise<void> {
  const { quoted } = quote;
  await insertQuote(tx, { id: quote.id, statusId: row.id, accountId: row.accountId, quotedStatusId: quoted.id, quotedAccountId: quoted.accountId, state: quote.state });
  if (quote.state === 'accepted') await quoteAccepted(tx, deps, { quotingStatusId: row.id, quoterId: row.accountId, quotedStatusId: quoted.id, quotedAccountId: quoted.accountId });
  else await deps.outbox.publish(tx, { type: 'quote.requested', quoteId: quote.id });
}

/** What an accepted quote entails: the quoted status counts it, its author is told (when local). */
export async function quoteAccepted(tx: Tx, deps: { notifications: Notifications }, q: { quotingStatusId: string; quoterId: string; quotedStatusId: string; quotedAccountId: string }): Promise<void> {
  await addToCount(tx, q.quotedStatusId, 'quotes', 1);
  await deps.notifications.notify(tx, [{ recipientId: q.quotedAccountId, fromId: q.quoterId, type: 'quote', statusId: q.quotingStatusId }]);
}
