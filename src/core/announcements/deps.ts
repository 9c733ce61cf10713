// What the announcement verbs share: their dependencies, the views they return, and the rule of
// when an announcement shows.
import type { Db } from '../../store/db.ts';
import type { AnnouncementRow } from '../../store/announcements/announcements.ts';
import type { IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import type { Live } from '../live.ts';

export interface AnnouncementsDeps {
  db: Db;
  ids: IdGenerator;
  jobs: Jobs;
  live: Live;
}

export interface AnnouncementReaction {
  name: string;
  count: number;
  /** the viewer reacted so */
  me: boolean;
}

export interface AnnouncementView {
  announcement: AnnouncementRow;
  /** whether the viewer dismissed it; null without a viewer */
  read: boolean | null;
  reactions: AnnouncementReaction[];
}

/** Whether an announcement shows at this moment: started (or without a start) and not ended. */
export const isActive = (a: Pick<AnnouncementRow, 'startsAt' | 'endsAt'>, now = new Date()): boolean => (!a.startsAt || a.startsAt <= now) && (!a.endsAt || a.endsAt > now);

/** The keys of an announcement's waiting jobs: its start and its end on users' screens. */
export const liveJobKey = (id: string, at: 'start' | 'end'): string => `announcement:${id}:${at}`;
