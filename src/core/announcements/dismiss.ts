// A user marks an announcement read (Mastodon's dismiss): the web app stops showing it to them.
import { insertDismissal } from '../../store/announcements/reads.ts';
import type { AnnouncementsDeps } from './deps.ts';
import { activeAnnouncement } from './read.ts';

export function createDismissAnnouncement(deps: AnnouncementsDeps) {
  const { db } = deps;
  return {
    async dismiss(accountId: string, id: string): Promise<void> {
      await activeAnnouncement(db, id);
      await insertDismissal(db, id, accountId);
    },
  };
}
