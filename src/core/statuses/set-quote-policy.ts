// Changing who may quote one's own status (Mastodon's PUT /api/v1/statuses/:id/interaction_policy).
// Quotes already accepted stay; other servers hear of the new policy with an update of the post.
import type { Db } from '../../store/db.ts';
import { setQuotePolicy } from '../../store/statuses/quotes.ts';
import type { Account } from '../accounts/service.ts';
import type { Outbox } from '../outbox.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import { newPostPolicy, type QuotePolicy } from './quote-policy.ts';
import type { StatusView } from './views.ts';

export function createSetQuotePolicy(deps: { db: Db; outbox: Outbox; access: StatusAccess; changes: StatusChanges }) {
  const { db, outbox, access, changes } = deps;

  return async function setPolicy(author: Account, id: string, policy: QuotePolicy): Promise<StatusView> {
    const status = await access.own(author, id);
    const wanted = newPostPolicy(policy, status.visibility);
    if (wanted !== status.quotePolicy) {
      await db.transaction(async (tx) => {
        await setQuotePolicy(tx, status.id, wanted);
        if (await outbox.concernsRemote(tx, status.id)) await outbox.publish(tx, { type: 'status.updated', statusId: status.id });
      });
      await changes.committed({ statusIds: [status.id] });
    }
    return access.view(author.id, status.id);
  };
}
