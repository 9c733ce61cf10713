// What a post from another server quotes (FEP-044f, or the older Misskey and Fedibird properties),
// and where that quote stands: a quote of a local post is ours to decide (its QuoteRequest, see
// quote-request-answer), a quote of one's own post needs no consent, and a quote of another
// server's post is accepted only with an authorization its author's server serves (checked by the
// federation door). Without one it stays pending, as Mastodon shows such quotes.
import { eq } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { statuses, type QuoteState } from '../../store/schema/index.ts';
import { insertQuote, quoteByApproval, quoteOf, setQuoteState } from '../../store/statuses/quotes.ts';
import { addToCount } from '../../store/statuses/rows.ts';
import type { Account } from '../accounts/service.ts';
import type { IdGenerator } from '../ids.ts';
import type { StatusChanges } from './changes.ts';

export interface RemoteQuoteInput {
  /** the quoted status, resolved to one known here (null: it could not be found) */
  quotedId: string | null;
  /** what its authorization proved: none given, checked and valid, or given but not valid */
  approval: 'none' | 'valid' | 'invalid';
  approvalUri: string | null;
}

type Deps = { db: Db; ids: IdGenerator; changes: StatusChanges };

/** The state a remote quote of a remote post takes from what its note shows. */
function stateOf(input: RemoteQuoteInput, selfQuote: boolean): QuoteState {
  if (selfQuote || input.approval === 'valid') return 'accepted';
  return input.approval === 'invalid' ? 'rejected' : 'pending';
}

export function createRemoteQuotes(deps: Deps) {
  const { db, ids, changes } = deps;

  /** Records the quote a stored remote status (by `author`) makes, or moves a pending one on. */
  async function record(author: Account, statusId: string, input: RemoteQuoteInput): Promise<void> {
    if (!input.quotedId) return;
    const quoted = await db.query.statuses.findFirst({ where: eq(statuses.id, input.quotedId) });
    if (!quoted) return;
    const existing = await quoteOf(db, statusId);
    if (existing && existing.quotedStatusId !== quoted.id) return;
    const state: QuoteState = quoted.local ? 'pending' : stateOf(input, quoted.accountId === author.id);
    const approvalUri = quoted.local || state !== 'accepted' ? null : input.approvalUri;
    const changed = await db.transaction(async (tx) => {
      if (!existing) {
        await insertQuote(tx, { id: ids(), statusId, accountId: author.id, quotedStatusId: quoted.id, quotedAccountId: quoted.accountId, state, approvalUri });
        if (state === 'accepted') await addToCount(tx, quoted.id, 'quotes', 1);
        return true;
      }
      // A local post's quote moves by its request alone; another's once its authorization is shown.
      if (quoted.local || state !== 'accepted') return false;
      const row = await setQuoteState(tx, existing.id, 'accepted', ['pending'], approvalUri);
      if (row) await addToCount(tx, quoted.id, 'quotes', 1);
      return row !== undefined;
    });
    if (changed) await changes.committed({ statusIds: [statusId, quoted.id] });
  }

  /** The author of a quoted post withdrew the authorization they gave (a Delete of it); whether a quote was revoked. */
  async function revoked(author: Account, approvalUri: string): Promise<boolean> {
    const quote = await quoteByApproval(db, approvalUri);
    if (!quote || quote.quotedAccountId !== author.id) return false;
    const done = await db.transaction(async (tx) => {
      const row = await setQuoteState(tx, quote.id, 'revoked', ['accepted', 'pending']);
      if (row && quote.state === 'accepted' && quote.quotedStatusId) await addToCount(tx, quote.quotedStatusId, 'quotes', -1);
      return row !== undefined;
    });
    if (done) await changes.committed({ statusIds: [quote.statusId, ...(quote.quotedStatusId ? [quote.quotedStatusId] : [])] });
    return done;
  }

  return { record, revoked };
}

export type RemoteQuotes = ReturnType<typeof createRemoteQuotes>;
