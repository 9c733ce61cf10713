// Quote and ShallowQuote (a quote inside a quoted status), and QuoteApproval, as Mastodon 4.5 has them.
import type { QuoteView, StatusView } from '../../../core/statuses/views.ts';
import { automaticApproval, manualApproval } from '../../../core/statuses/quote-policy.ts';
import type { UrlContext } from './account.ts';
import { serializeStatus } from './status.ts';

export function serializeQuote(quote: QuoteView, ctx: UrlContext): Record<string, unknown> {
  if (quote.nested) return { state: quote.state, quoted_status_id: quote.state === 'accepted' ? quote.quotedId : null };
  return { state: quote.state, quoted_status: quote.status ? serializeStatus(quote.status, ctx) : null };
}

/** QuoteApproval: who may quote it, and what that means for the reader. */
export const quoteApproval = (view: StatusView) => ({ automatic: automaticApproval(view.status), manual: manualApproval(view.status) as string[], current_user: view.quoteApproval });
