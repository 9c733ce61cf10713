// Inbound activities about quotes (FEP-044f, see inbox): another server asks whether its account
// may quote a local post (QuoteRequest), or answers the request one of ours sent (Accept with an
// authorization, which is checked before it counts, or Reject). Revokes arrive as Deletes of an
// authorization (see inbox-posts).
import type { InboxContext } from '@fedify/fedify';
import { type Accept, Note, Question, type QuoteRequest, Reject } from '@fedify/vocab';
import type { Core } from '../core/index.ts';
import type { InboxSteps } from './inbox-steps.ts';
import { checkAuthorization } from './quote-in.ts';
import type { Remote } from './remote.ts';
import { localQuoteRequestId, localStatusId, statusUri } from './uris.ts';

export async function quoteRequested(core: Core, remote: Remote, steps: InboxSteps, ctx: InboxContext<void>, request: QuoteRequest): Promise<void> {
  const actor = await steps.sender(ctx, request);
  if (!actor || !request.id) return;
  const quotedId = localStatusId(ctx, request.objectId);
  if (!quotedId) return steps.ignored(request, `${request.objectId?.href ?? 'its object'} is not a post of this server`);
  // The quoting post comes with the request, or is fetched (it must be the requester's own).
  const instrument = await request.getInstrument({ documentLoader: ctx.documentLoader }).catch(() => null);
  const quotingId =
    instrument instanceof Note || instrument instanceof Question
      ? await remote.receive(ctx, instrument, { sender: actor, via: request })
      : await remote.statusId(ctx, request.instrumentId, { fetch: true });
  if (!quotingId) return steps.ignored(request, 'its quoting post could not be read');
  await steps.quietly(request, () => core.statuses.answerQuoteRequest(actor, { quotedId, quotingId, activityUri: request.id!.href }));
}

/** Whether an Accept or Reject answers a QuoteRequest of ours. */
export const answersQuoteRequest = (ctx: InboxContext<void>, activity: Accept | Reject): boolean => localQuoteRequestId(ctx, activity.objectId) !== null;

export async function quoteAnswered(core: Core, steps: InboxSteps, ctx: InboxContext<void>, activity: Accept | Reject): Promise<void> {
  const actor = await steps.sender(ctx, activity);
  const quoteId = localQuoteRequestId(ctx, activity.objectId);
  if (!actor?.uri || !quoteId) return;
  if (activity instanceof Reject) return steps.quietly(activity, () => core.statuses.quoteAnswered(actor, quoteId, { accepted: false }));
  const approval = activity.resultId;
  const quote = await core.statuses.quoteById(quoteId);
  const [quoting, quoted] = quote?.quotedStatusId ? await Promise.all([core.remoteStatuses.addressOf(quote.statusId), core.remoteStatuses.addressOf(quote.quotedStatusId)]) : [];
  if (!approval || !quoting || !quoted) return steps.ignored(activity, 'it names no authorization, or the quote is gone');
  const verdict = await checkAuthorization(ctx, approval, { quoting: statusUri(ctx, quoting), quoted: statusUri(ctx, quoted), author: new URL(actor.uri) });
  if (verdict !== 'valid') return steps.ignored(activity, `its authorization ${approval.href} does not hold`);
  await steps.quietly(activity, () => core.statuses.quoteAnswered(actor, quoteId, { accepted: true, approvalUri: approval.href }));
}
