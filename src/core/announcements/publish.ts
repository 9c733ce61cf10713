// The administrator publishes an announcement (`parley announcements add`): its text rendered as a
// post's, shown from its start to its end. Users' open screens hear of it when it starts and when it
// ends, through jobs queued with it (the command runs apart from the server, whose worker sends them).
import { insertAnnouncement, type AnnouncementRow } from '../../store/announcements/announcements.ts';
import { Problems } from '../errors.ts';
import { renderText } from '../text/render.ts';
import { isWellFormedText } from '../text/well-formed.ts';
import { liveJobKey, type AnnouncementsDeps } from './deps.ts';

export interface AnnouncementInput {
  text: string;
  startsAt?: Date | undefined;
  endsAt?: Date | undefined;
  /** the start and end are days */
  allDay?: boolean | undefined;
}

const MAX_TEXT = 10_000;

function check(input: AnnouncementInput): void {
  const problems = new Problems();
  if (!input.text.trim()) problems.add('text', 'ERR_BLANK', "can't be blank");
  else if (input.text.length > MAX_TEXT || !isWellFormedText(input.text)) problems.add('text', 'ERR_INVALID', `must be text of at most ${MAX_TEXT} characters`);
  for (const [field, at] of [
    ['starts_at', input.startsAt],
    ['ends_at', input.endsAt],
  ] as const)
    if (at && Number.isNaN(at.getTime())) problems.add(field, 'ERR_INVALID', 'is not a date');
  // As in Mastodon: a start needs an end, and the end comes after the start.
  if (Boolean(input.startsAt) !== Boolean(input.endsAt)) problems.add(input.startsAt ? 'ends_at' : 'starts_at', 'ERR_BLANK', "can't be blank when the other is given");
  else if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt) problems.add('ends_at', 'ERR_INVALID', 'must be after the start');
  problems.throwIfAny();
}

export function createPublishAnnouncement(deps: AnnouncementsDeps) {
  const { db, ids, jobs } = deps;
  return {
    async publish(input: AnnouncementInput): Promise<AnnouncementRow> {
      check(input);
      const now = new Date();
      return db.transaction(async (tx) => {
        const row = await insertAnnouncement(tx, {
          id: ids(),
          text: input.text,
          contentHtml: renderText(input.text.trim()),
          startsAt: input.startsAt ?? null,
          endsAt: input.endsAt ?? null,
          allDay: Boolean(input.allDay && input.startsAt),
          publishedAt: input.startsAt && input.startsAt > now ? input.startsAt : now,
        });
        const start = input.startsAt && input.startsAt > now ? { runAt: input.startsAt } : {};
        await jobs.enqueue(tx, 'announcement.live', { announcementId: row.id, event: 'announcement' }, { key: liveJobKey(row.id, 'start'), ...start });
        if (input.endsAt) await jobs.enqueue(tx, 'announcement.live', { announcementId: row.id, event: 'announcement.delete' }, { key: liveJobKey(row.id, 'end'), runAt: input.endsAt });
        return row;
      });
    },
  };
}
