// Making a scheduled post at its time (the 'status.publish-scheduled' job). The post and the removal
// of the scheduled row are one commit (see post-writer), so a job run again after a crash, or
// racing a cancellation, makes it at most once. As Mastodon, a post that can no longer be made (the
// status it answers deleted, its author suspended) is dropped.
import type { Db } from '../../store/db.ts';
import { userByAccountId } from '../../store/accounts/users.ts';
import { deleteScheduled, scheduledToPublish } from '../../store/statuses/scheduled.ts';
import { accessProblem, type Account, type User } from '../accounts/service.ts';
import { CoreError } from '../errors.ts';
import type { PostInput } from './post.ts';
import type { StatusView } from './views.ts';

export function createPublishScheduled(deps: { db: Db; post: (author: Account, user: User, input: PostInput) => Promise<StatusView> }) {
  const { db, post } = deps;

  return async function publishScheduled(id: string): Promise<void> {
    const found = await scheduledToPublish(db, id);
    // Cancelled or made already; or moved later while this job was running (the moved job will come).
    if (!found?.due) return;
    const { row, app } = found;
    const owner = await userByAccountId(db, row.accountId);
    if (!owner || accessProblem(owner.user, owner.account, { requireEmailConfirmation: false })) {
      await deleteScheduled(db, id);
      return;
    }
    const p = row.params;
    try {
      await post(owner.account, owner.user, {
        text: p.text,
        visibility: p.visibility,
        spoilerText: p.spoilerText ?? undefined,
        sensitive: p.sensitive ?? undefined,
        inReplyToId: p.inReplyToId ?? undefined,
        language: p.language,
        app,
        mediaIds: p.mediaIds,
        poll: p.poll ?? undefined,
        scheduledId: id,
      });
    } catch (error) {
      // Refused by the rules (not a database out of reach, which the job's retry is for).
      if (!(error instanceof CoreError)) throw error;
      await deleteScheduled(db, id);
    }
  };
}
