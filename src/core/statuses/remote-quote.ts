// What a post from another server quotes (FEP-044f, or the older Misskey and Fedibird properties),
// and where that quote stands: a quote of a local post is ours to decide (its QuoteRequest, see
// quote-request-answer), a quote of one's own post needs no consent, and a quote of another
// server's post is accepted only with an authorization its author's server serves (checked by the
// federation door). Without one it stays pending, as Mastodon shows such quotes.
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../store/db.ts';
import { statuses, type QuoteState } from '../../store/schema/index.ts';
import { insertQuote, quoteByApproval, quoteOf, setQuoteState } from '../../store/statuses/quotes.ts';
import { addToCount } from '../../store/statuses/rows.ts';
import type { Account } from '../accounts/service.ts';
import type { IdGenerator } from '../ids.ts';
import type { StatusChanges } from './changes.ts';

export interface RemoteQuoteInput {
  /** the quoted status, resolved to one known here (null: it could not be found) */
  quotedId: string | null;
  /** what its authorization proved: none (or one for another quote), checked and valid, or none served where it points */
  approval: 'none' | 'valid' | 'invalid';
  approvalUri: string | null;
}

type Deps = { db: Db; ids: IdGenerator; changes: StatusChanges };

/** The state a remote quote of a remote post takes from what its note shows. */
function stateOf(input: RemoteQuoteInput, selfQuote: boolean): QuoteState {
  if (selfQuote || input.approval === 'valid') return 'accepted';
  return input.approval === 'invalid' ? 'rejected' : 'pending';
}

/** Writes the quote a remote status just stored makes, in its commit; the quoted status's id if it wrote one. */
export async function writeRemoteQuote(tx: Tx, ids: IdGenerator, status: { id: string; accountId: string }, input: RemoteQuoteInput): Promise<string | null> {
  const quoted = input.quotedId ? await tx.query.statuses.findFirst({ where: eq(statuses.id, input.quotedId) }) : undefined;
  if (!quoted) return null;
  const state: QuoteState = quoted.local ? 'pending' : stateOf(input, quoted.accountId === status.accountId);
  const approvalUri = !quoted.local && state === 'accepted' ? input.approvalUri : null;
  await insertQuote(tx, { id: ids(), statusId: status.id, accountId: status.accountId, quotedStatusId: quoted.id, quotedAccountId: quoted.accountId, state, approvalUri });
  if (state === 'accepted') await addToCount(tx, quoted.id, 'quotes', 1);
  return quoted.id;
}

export function createRemoteQuotes(deps: Deps) {
  const { db, ids, changes } = deps;

  /** Records the quote a stored remote status (by `author`) makes, or moves a pending one on. */
  async function record(author: Account, statusId: string, input: RemoteQuoteInput): Promise<void> {
    const existing = await quoteOf(db, statusId);
    if (!existing) {
      const written = await db.transaction((tx) => writeRemoteQuote(tx, ids, { id: statusId, accountId: author.id }, input));
      if (written) await changes.committed({ statusIds: [statusId, written] });
      return;
    }
    const quoted = input.quotedId ? await db.query.statuses.findFirst({ where: eq(statuses.id, input.quotedId) }) : undefined;
    // A local post's quote moves by its request alone; another's once its authorization is shown.
    if (!quoted || existing.quotedStatusId !== quoted.id || quoted.local || stateOf(input, quoted.accountId === author.id) !== 'accepted') return;
    const moved = await db.transaction(async (tx) => {
      const row = await setQuoteState(tx, existing.id, 'accepted', ['pending'], input.approvalUri);
      if (row) await addToCount(tx, quoted.id, 'quotes', 1);
      return row;
    });
    if (moved) await changes.committed({ statusIds: [statusId, quoted.id] });
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
