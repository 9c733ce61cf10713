// How notifications are grouped, as Mastodon groups them: favourites or reblogs of one status, and
// follows, that arrive within a few hours of each other share a key. The key is decided once, when
// the notification is written (store/notifications/rows), so reading groups is a query.
import type { NotificationType } from '../../store/schema/index.ts';
import { isId } from '../ids.ts';

/** The types grouped when a client does not say which (Mastodon's `grouped_types` default). */
export const GROUPABLE_TYPES: NotificationType[] = ['favourite', 'reblog', 'follow'];

/** A group takes notifications for this many hours after the hour it started in. */
export const GROUP_SPAN_HOURS = 12;

const HOUR_MS = 3_600_000;

/** What a group is about, or null for a notification that is never grouped. */
export function groupSubject(type: NotificationType, statusId: string | null | undefined): string | null {
  if (type === 'follow') return 'follow';
  if ((type === 'favourite' || type === 'reblog') && statusId) return `${type}-${statusId}`;
  return null;
}

/**
 * The keys a notification made at `at` may join, newest first: a group of its subject started in
 * this hour or one of the eleven before. The store takes the newest that exists, or starts the first.
 */
export function candidateKeys(subject: string, at: number): string[] {
  const hour = Math.floor(at / HOUR_MS);
  return Array.from({ length: GROUP_SPAN_HOURS }, (_, i) => `${subject}-${hour - i}`);
}

const UNGROUPED = 'ungrouped-';

/** The key of a notification shown on its own. */
export const ungroupedKey = (notificationId: string): string => `${UNGROUPED}${notificationId}`;

/** The shapes keys are made in (Mastodon's too): `ungrouped-<id>`, `follow-<hour>`, `favourite-<status>-<hour>`. */
const KEY_SHAPE = /^[a-z_.]{1,32}(?:-\d{1,20}){1,2}$/;

/** A key as clients send it back: one notification's, a stored group's, or null for no key there could be. */
export function readGroupKey(key: string): { notificationId: string } | { groupKey: string } | null {
  if (!KEY_SHAPE.test(key)) return null;
  if (!key.startsWith(UNGROUPED)) return { groupKey: key };
  const notificationId = key.slice(UNGROUPED.length);
  return isId(notificationId) ? { notificationId } : null;
}
