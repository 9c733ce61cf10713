// The administrator removes an announcement (`parley announcements remove`): gone at once from users'
// screens, its waiting start and end forgotten.
import { deleteAnnouncement } from '../../store/announcements/announcements.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { liveJobKey, type AnnouncementsDeps } from './deps.ts';

export function createRemoveAnnouncement(deps: AnnouncementsDeps) {
  const { db, jobs } = deps;
  return {
    async remove(id: string): Promise<void> {
      if (!isId(id)) throw new NotFoundError();
      await db.transaction(async (tx) => {
        if (!(await deleteAnnouncement(tx, id))) throw new NotFoundError();
        await jobs.remove(tx, liveJobKey(id, 'start'));
        await jobs.remove(tx, liveJobKey(id, 'end'));
        await jobs.enqueue(tx, 'announcement.live', { announcementId: id, event: 'announcement.delete' });
      });
    },
  };
}
