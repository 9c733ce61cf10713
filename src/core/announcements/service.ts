// The administrator's announcements (Mastodon's): published and removed by the command line, read,
// dismissed and reacted to by users, and sent to their open streams. One file per verb.
import type { AnnouncementsDeps } from './deps.ts';
import { createDismissAnnouncement } from './dismiss.ts';
import { createPublishAnnouncement } from './publish.ts';
import { createReactToAnnouncement } from './react.ts';
import { createAnnouncementReads } from './read.ts';
import { createRemoveAnnouncement } from './remove.ts';

export type { AnnouncementReaction, AnnouncementView } from './deps.ts';
export type { AnnouncementInput } from './publish.ts';

export function createAnnouncements(deps: AnnouncementsDeps) {
  const reads = createAnnouncementReads(deps.db);
  return {
    ...reads,
    ...createPublishAnnouncement(deps),
    ...createRemoveAnnouncement(deps),
    ...createDismissAnnouncement(deps),
    ...createReactToAnnouncement(deps),
    /** The `announcement.live` job: an announcement starts (if it still shows) or leaves users' screens. */
    async sendLive(announcementId: string, event: 'announcement' | 'announcement.delete'): Promise<void> {
      if (event === 'announcement' && !(await reads.forDelivery(announcementId))) return;
      await deps.live.announcement(event, announcementId);
    },
  };
}

export type Announcements = ReturnType<typeof createAnnouncements>;
