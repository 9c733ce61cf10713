// Announcement and its Reaction entities.
import type { AnnouncementView } from '../../../core/announcements/service.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function serializeAnnouncement(v: AnnouncementView) {
  const a = v.announcement;
  return {
    id: a.id,
    content: a.contentHtml,
    starts_at: iso(a.startsAt),
    ends_at: iso(a.endsAt),
    all_day: a.allDay,
    published_at: a.publishedAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
    ...(v.read === null ? {} : { read: v.read }),
    // The text is rendered with links only: no mentions, hashtags, linked posts or custom emojis.
    mentions: [],
    statuses: [],
    tags: [],
    emojis: [],
    reactions: v.reactions.map((r) => ({ name: r.name, count: r.count, me: r.me })),
  };
}

/** The `announcement.reaction` stream event's payload. */
export const serializeAnnouncementReaction = (announcementId: string, reaction: { name: string; count: number }) => ({
  name: reaction.name,
  count: reaction.count,
  announcement_id: announcementId,
});
