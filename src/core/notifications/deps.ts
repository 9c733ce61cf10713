// What the notification verbs share: their dependencies, the kinds of notification, and ids
// checked before they reach SQL.
import type { Db } from '../../store/db.ts';
import type { NotificationFilter, NotificationRow } from '../../store/notifications/rows.ts';
import type { NotificationType } from '../../store/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import type { Live } from '../live.ts';
import type { Markers } from '../markers.ts';

export type { NotificationFilter, NotificationRow, NotificationType };

export const NOTIFICATION_TYPES: NotificationType[] = ['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'update', 'poll'];

export interface NewNotification {
  recipientId: string;
  fromId: string;
  type: NotificationType;
  statusId?: string | null;
}

export interface NotificationsDeps {
  db: Db;
  ids: IdGenerator;
  jobs: Jobs;
  live: Live;
  markers: Markers;
}

/** A filter whose account is no id names nothing: `null` says so before any SQL runs. */
export function checkedFilter(filter: NotificationFilter): NotificationFilter | null {
  return filter.fromAccountId && !isId(filter.fromAccountId) ? null : filter;
}

/** An id a route was given, or not found. */
export function knownId(id: string): string {
  if (!isId(id)) throw new NotFoundError();
  return id;
}
