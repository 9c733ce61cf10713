// Notification requests: the senders whose mentions the policy filtered. Accepting lets them
// through from then on and merges what they sent; dismissing drops it. Both are done when they
// answer, so requests are always "merged".
import { acceptRequests, dismissRequests, requestOf, requestRows, type PendingRequest } from '../../store/notifications/requests.ts';
import { notificationRequests } from '../../store/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { newestFirst, pageOver, paged, type Page, type Paged } from '../pagination.ts';
import { knownId, type NotificationsDeps } from './deps.ts';

export type { PendingRequest };

export function createRequestVerbs(deps: NotificationsDeps) {
  const { db, live } = deps;

  async function accept(recipientId: string, ids: string[]): Promise<number> {
    const senders = await acceptRequests(db, recipientId, ids.filter(isId));
    if (senders.length > 0) await live.notificationsMerged(recipientId);
    return senders.length;
  }

  return {
    async requests(recipientId: string, page: Page): Promise<Paged<PendingRequest>> {
      const p = pageOver(notificationRequests.id, page);
      const rows = await requestRows(db, recipientId, { where: p.where, order: p.order, limit: page.limit });
      return paged(newestFirst(rows, p.reverse), (r) => r.id);
    },

    async request(recipientId: string, id: string): Promise<PendingRequest> {
      const found = await requestOf(db, recipientId, knownId(id));
      if (!found) throw new NotFoundError();
      return found;
    },

    async acceptRequest(recipientId: string, id: string): Promise<void> {
      if ((await accept(recipientId, [knownId(id)])) === 0) throw new NotFoundError();
    },

    async dismissRequest(recipientId: string, id: string): Promise<void> {
      if ((await dismissRequests(db, recipientId, [knownId(id)])) === 0) throw new NotFoundError();
    },

    /** Several at once; ids naming none of the recipient's requests are passed over. */
    async acceptRequests(recipientId: string, ids: string[]): Promise<void> {
      await accept(recipientId, ids);
    },

    async dismissRequests(recipientId: string, ids: string[]): Promise<void> {
      await dismissRequests(db, recipientId, ids.filter(isId));
    },
  };
}
