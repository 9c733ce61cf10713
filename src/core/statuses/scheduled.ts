// Scheduled posts (Mastodon's scheduled statuses): what their verbs share. Each verb has a file of
// its own: schedule-status, reschedule-status, cancel-scheduled, publish-scheduled, scheduled-reads.
import type { Db, DbOrTx } from '../../store/db.ts';
import { mediaByIds } from '../../store/media/rows.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import type { ScheduledParams, ScheduledStatusRow } from '../../store/schema/scheduled-statuses.ts';
import { countScheduled, scheduledOf } from '../../store/statuses/scheduled.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { isId } from '../ids.ts';
import type { Jobs } from '../jobs.ts';

export type { ScheduledParams } from '../../store/schema/scheduled-statuses.ts';

/** As Mastodon: more than five minutes ahead, at most 300 waiting, and 25 on one day (UTC). */
export const SCHEDULE_LIMITS = { minimumOffsetMs: 5 * 60_000, total: 300, perDay: 25 } as const;

export interface ScheduledStatus {
  id: string;
  scheduledAt: Date;
  params: ScheduledParams;
  appId: string | null;
  /** the uploads it carries, in the order of `params.mediaIds` */
  media: MediaRow[];
}

/** The publishing job of a scheduled post: one per post, so that rescheduling moves it and cancelling removes it. */
export const scheduledJobKey = (id: string): string => `status.publish-scheduled:${id}`;

const refuse = (description: string) => new ValidationError({ scheduled_at: [{ error: 'ERR_INVALID', description }] });

/** A time a post may be scheduled at (a time already past is the caller's to decide: posting at once, or refused). */
export function checkScheduledAt(at: Date, now = Date.now()): void {
  if (at.getTime() <= now + SCHEDULE_LIMITS.minimumOffsetMs) throw refuse('must be at least 5 minutes in the future');
}

/** Inside the author's scheduling lock: room for one more post (`except`: the one being moved) on that day, and in all. */
export async function checkScheduleLimits(tx: DbOrTx, accountId: string, at: Date, except?: string): Promise<void> {
  if (!except && (await countScheduled(tx, accountId)) >= SCHEDULE_LIMITS.total) throw refuse(`exceeds the limit of ${SCHEDULE_LIMITS.total} scheduled posts`);
  if ((await countScheduled(tx, accountId, { at, except })) >= SCHEDULE_LIMITS.perDay) throw refuse(`exceeds the limit of ${SCHEDULE_LIMITS.perDay} scheduled posts on that day`);
}

/** Queues (or moves, by its key) the job that makes the post at its time, in the caller's transaction. */
export function enqueuePublishing(tx: DbOrTx, jobs: Jobs, row: ScheduledStatusRow): Promise<void> {
  return jobs.enqueue(tx, 'status.publish-scheduled', { scheduledStatusId: row.id }, { key: scheduledJobKey(row.id), runAt: row.scheduledAt });
}

/** The owner's scheduled post; anyone else's is not found. */
export async function ownScheduled(db: DbOrTx, ownerId: string, id: string): Promise<ScheduledStatusRow> {
  const row = isId(id) ? await scheduledOf(db, ownerId, id) : undefined;
  if (!row) throw new NotFoundError();
  return row;
}

/** Scheduled posts with the uploads they carry. */
export async function withMedia(db: Db, rows: readonly ScheduledStatusRow[]): Promise<ScheduledStatus[]> {
  const media = new Map((await mediaByIds(db, [...new Set(rows.flatMap((r) => r.params.mediaIds))])).map((m) => [m.id, m]));
  return rows.map((r) => ({
    id: r.id,
    scheduledAt: r.scheduledAt,
    params: r.params,
    appId: r.appId,
    media: r.params.mediaIds.flatMap((id) => media.get(id) ?? []),
  }));
}
