// Another server asks whether its account may quote a local status (FEP-044f's QuoteRequest): the
// status's quote policy answers at once (as Mastodon does), unless it is Parley's `manual` policy:
// then the request waits for the author (approve-quote). The asking server hears each answer (see
// federation's quote delivery).
import type { Db } from '../../store/db.ts';
import type { QuoteState } from '../../store/schema/index.ts';
import { statusOf } from '../../store/statuses/rows.ts';
import { insertQuote, quoteOf, setQuoteActivity, setQuoteState } from '../../store/statuses/quotes.ts';
import type { Account } from '../accounts/service.ts';
import { ForbiddenError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { Notifications } from '../notifications/service.ts';
import type { Outbox } from '../outbox.ts';
import type { StatusChanges } from './changes.ts';
import { quoteVerdict, type QuoteVerdict } from './quote-policy.ts';
import { quoteAccepted } from './quote-write.ts';
import type { Status, StatusViews } from './views.ts';

export interface QuoteRequestInput {
  /** the local status it asks to quote */
  quotedId: string;
  /** the requester's status that quotes it, already stored */
  quotingId: string;
  /** the QuoteRequest's id, which the answer names */
  activityUri: string;
}

type Deps = { db: Db; ids: IdGenerator; views: StatusViews; notifications: Notifications; outbox: Outbox; changes: StatusChanges };

export function createAnswerQuoteRequest(deps: Deps) {
  const { db, ids, views, outbox, changes } = deps;

  /** What the policy says of `requester` quoting `quoted` (undefined: it may not even see it). */
  async function verdictOf(requester: Account, quoted: Status | undefined): Promise<QuoteVerdict> {
    if (!quoted?.local || quoted.reblogOfId) return 'denied';
    const context = await views.context(requester.id, [quoted.accountId]);
    return quoteVerdict(quoted, requester.id, context.follows.has(quoted.accountId));
  }

  /** Records the request and its answer; the quote's id and where it now stands. */
  return async function answerQuoteRequest(requester: Account, input: QuoteRequestInput): Promise<{ quoteId: string; state: QuoteState }> {
    if (!(await statusOf(db, requester.id, input.quotingId))) throw new ForbiddenError('the quoting post is not the requester’s');
    const quoted = await views.visibleRow(requester.id, input.quotedId);
    const verdict = await verdictOf(requester, quoted);
    const existing = await quoteOf(db, input.quotingId);
    if (existing && existing.quotedStatusId !== input.quotedId) throw new ForbiddenError('the quoting post quotes another post');
    const result = await db.transaction(async (tx) => {
      const id = existing?.id ?? ids();
      if (existing) await setQuoteActivity(tx, id, input.activityUri);
      else
        await insertQuote(tx, {
          id,
          statusId: input.quotingId,
          accountId: requester.id,
          quotedStatusId: input.quotedId,
          quotedAccountId: quoted?.accountId ?? null,
          state: 'pending',
          activityUri: input.activityUri,
        });
      if (verdict === 'manual' && (!existing || existing.state === 'pending')) return { quoteId: id, state: 'pending' as const };
      const moved = await setQuoteState(tx, id, verdict === 'automatic' ? 'accepted' : 'rejected', ['pending']);
      if (moved?.state === 'accepted' && quoted)
        await quoteAccepted(tx, deps, { quotingStatusId: input.quotingId, quoterId: requester.id, quotedStatusId: quoted.id, quotedAccountId: quoted.accountId });
      // A repeated request hears the answer already given (a revoked quote stays refused).
      const state = moved?.state ?? existing?.state ?? 'rejected';
      await outbox.publish(tx, { type: state === 'accepted' ? 'quote.accepted' : 'quote.rejected', quoteId: id });
      return { quoteId: id, state };
    });
    await changes.committed({ statusIds: [input.quotingId, input.quotedId] });
    return result;
  };
}
