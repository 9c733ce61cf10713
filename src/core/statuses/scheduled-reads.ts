// Reading one's scheduled posts: one, or a page of them (newest scheduled first, by id, as Mastodon).
import type { Db } from '../../store/db.ts';
import { scheduledRows } from '../../store/statuses/scheduled.ts';
import type { Account } from '../accounts/service.ts';
import { paged, readPage, type Page, type Paged } from '../pagination.ts';
import { ownScheduled, withMedia, type ScheduledStatus } from './scheduled.ts';

export function createScheduledReads(db: Db) {
  return {
    async get(owner: Account, id: string): Promise<ScheduledStatus> {
      return (await withMedia(db, [await ownScheduled(db, owner.id, id)]))[0]!;
    },

    async list(owner: Account, page: Page): Promise<Paged<ScheduledStatus>> {
      const rows = await readPage(page, (over) => scheduledRows(db, owner.id, { over, limit: page.limit }));
      return paged(await withMedia(db, rows), (s) => s.id);
    },
  };
}
