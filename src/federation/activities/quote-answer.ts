// Accept or Reject of another server's QuoteRequest (FEP-044f): the local author's answer, naming the
// request as it was sent; an Accept's `result` is the authorization the quoting post may show.
import type { Context } from '@fedify/fedify';
import { Accept, QuoteRequest, Reject } from '@fedify/vocab';

export interface AnsweredRequest {
  /** the request's id, as its server named it */
  id: URL;
  requester: URL;
  quoted: URL;
  quoting: URL;
}

export function quoteAnswerOf(ctx: Context<void>, username: string, quoteId: string, request: AnsweredRequest, authorization: URL | null): Accept | Reject {
  const object = new QuoteRequest({ id: request.id, actor: request.requester, object: request.quoted, instrument: request.quoting });
  const actor = ctx.getActorUri(username);
  const values = { actor, object, to: request.requester };
  if (!authorization) return new Reject({ ...values, id: new URL(`${actor.href}#rejects/quote_requests/${quoteId}`) });
  return new Accept({ ...values, id: new URL(`${actor.href}#accepts/quote_requests/${quoteId}`), result: authorization });
}
