// Quoting a status in a new post: the status must be one the author sees and whose policy lets them
// quote it. A local status's quote is accepted at once; a remote one waits for its author's server
// (a QuoteRequest, see federation), as FEP-044f asks.
import type { QuoteState } from '../../store/schema/index.ts';
import type { Account } from '../accounts/service.ts';
import { ValidationError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { StatusAccess } from './access.ts';
import { quoteVerdict } from './quote-policy.ts';
import type { Status, StatusViews } from './views.ts';

export interface NewQuote {
  id: string;
  quoted: Status;
  state: Extract<QuoteState, 'accepted' | 'pending'>;
}

const refused = (description: string) => new ValidationError({ quoted_status_id: [{ error: 'ERR_INVALID', description }] });

export function createQuoteCheck(deps: { ids: IdGenerator; access: StatusAccess; views: StatusViews }) {
  const { ids, access, views } = deps;

  /** The quote a new post by `author` makes of `quotedId`, or a refusal (404 when it cannot see it, 422 when it may not quote it). */
  return async function checkQuote(author: Account, quotedId: string): Promise<NewQuote> {
    let quoted = await access.visible(author.id, quotedId);
    if (quoted.reblogOfId) quoted = await access.visible(author.id, quoted.reblogOfId);
    const context = await views.context(author.id, [quoted.accountId]);
    const verdict = quoteVerdict(quoted, author.id, context.follows.has(quoted.accountId));
    if (verdict !== 'automatic' && verdict !== 'manual') throw refused('cannot be quoted: its author does not allow it');
    // A quote the author answers by hand waits for them, as one of another server's post waits for its server.
    return { id: ids(), quoted, state: quoted.local && verdict === 'automatic' ? 'accepted' : 'pending' };
  };
}

export type QuoteCheck = ReturnType<typeof createQuoteCheck>;
