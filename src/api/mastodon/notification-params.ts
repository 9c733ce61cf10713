// What the notification routes share: the filter parameters, and keyword filters applied to the
// statuses a page of notifications carries.
import { z } from 'zod';
import type { Core } from '../../core/index.ts';
import type { FilterMatch } from '../../core/filters/service.ts';
import { NOTIFICATION_TYPES, type NotificationFilter, type NotificationType } from '../../core/notifications/service.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import { zBool, zList, zString } from '../params.ts';

// Unknown types are ignored rather than refused, so apps that know newer types keep working.
export const notificationTypes = zList(zString).transform((list) => list.filter((t): t is NotificationType => (NOTIFICATION_TYPES as string[]).includes(t)));

export const filterParams = z.object({
  types: notificationTypes.optional(),
  exclude_types: notificationTypes.optional(),
  account_id: zString.optional(),
  include_filtered: zBool.optional(),
});

export const filterOf = (p: z.output<typeof filterParams>): NotificationFilter => ({
  types: p.types,
  excludeTypes: p.exclude_types,
  fromAccountId: p.account_id,
  includeFiltered: p.include_filtered,
});

/** Counts are capped: 100 unless asked, 1000 at most (as Mastodon). */
export const countLimit = (limit: number | undefined): number => Math.min(Math.max(limit ?? 100, 1), 1000);

/**
 * The statuses the viewer's "notifications" filters leave (a hide filter drops the notification),
 * and the warnings of the others.
 */
export async function judged(core: Core, viewerId: string, statuses: (StatusView | null)[]): Promise<{ hidden: (s: StatusView | null) => boolean; matches: Map<string, FilterMatch[]> }> {
  const present = statuses.filter((s): s is StatusView => s !== null);
  const result = await core.filters.apply(viewerId, 'notifications', present);
  const kept = new Set(result.views.map((s) => s.status.id));
  return { hidden: (s) => s !== null && !kept.has(s.status.id), matches: result.matches };
}
