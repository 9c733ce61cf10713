// Scheduling a post (`scheduled_at` on POST /api/v1/statuses): checked as a post is (and again when
// it is made), kept with its parameters, its uploads reserved, and a durable job queued for its time.
// As Mastodon: a time already past posts at once; one less than five minutes ahead is refused.
import type { Db } from '../../store/db.ts';
import type { ScheduledParams } from '../../store/schema/scheduled-statuses.ts';
import { insertScheduled, lockScheduling, reserveMedia } from '../../store/statuses/scheduled.ts';
import type { Account, User } from '../accounts/service.ts';
import { ValidationError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import type { PostInput } from './post.ts';
import type { CheckedPost, PostChecks } from './post-checks.ts';
import { checkScheduledAt, checkScheduleLimits, enqueuePublishing, type ScheduledStatus } from './scheduled.ts';
import type { StatusView } from './views.ts';

export type ScheduleResult = { scheduled: ScheduledStatus; status?: never } | { status: StatusView; scheduled?: never };

/** The parameters the post will be made with; the visibility is the author's default now if none was given. */
function paramsOf(user: User, input: PostInput, checked: CheckedPost): ScheduledParams {
  const poll = input.poll && checked.poll;
  return {
    text: input.text,
    visibility: input.visibility ?? user.settings.defaultVisibility,
    spoilerText: input.spoilerText ?? null,
    sensitive: input.sensitive ?? null,
    language: input.language ?? null,
    inReplyToId: checked.parent?.id ?? null,
    mediaIds: checked.media.map((m) => m.id),
    poll: poll ? { options: poll.options, expiresIn: input.poll!.expiresIn, multiple: poll.multiple, hideTotals: poll.hideTotals } : null,
  };
}

export function createScheduleStatus(deps: { db: Db; ids: IdGenerator; jobs: Jobs; checkPost: PostChecks; post: (author: Account, user: User, input: PostInput) => Promise<StatusView> }) {
  const { db, ids, jobs, checkPost, post } = deps;

  return async function schedule(author: Account, user: User, input: PostInput, at: Date): Promise<ScheduleResult> {
    if (at.getTime() <= Date.now()) return { status: await post(author, user, input) };
    checkScheduledAt(at);
    const checked = await checkPost(author, user, input);
    const params = paramsOf(user, input, checked);
    const row = await db.transaction(async (tx) => {
      await lockScheduling(tx, author.id);
      await checkScheduleLimits(tx, author.id, at);
      const made = await insertScheduled(tx, { id: ids(), accountId: author.id, scheduledAt: at, params, appId: input.app?.id ?? null });
      // Checked free above; taken since by another post or schedule: refused as if it had been then.
      if ((await reserveMedia(tx, made.id, params.mediaIds)) !== params.mediaIds.length) {
        throw new ValidationError({ media_ids: [{ error: 'ERR_INVALID', description: 'names a media already attached to another post' }] });
      }
      await enqueuePublishing(tx, jobs, made);
      return made;
    });
    return { scheduled: { id: row.id, scheduledAt: row.scheduledAt, params: row.params, appId: row.appId, media: checked.media } };
  };
}
