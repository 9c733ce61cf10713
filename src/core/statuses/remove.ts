// Deleting a status: it leaves its author's count, every screen it reached and the servers it went to.
import type { Db, DbOrTx } from '../../store/db.ts';
import { mentionedIds, remoteMentionedIds } from '../../store/statuses/people.ts';
import { addToCount, addToStatusesCount, deleteStatus, reblogsOf, type StatusRef } from '../../store/statuses/rows.ts';
import type { Jobs } from '../jobs.ts';
import { uncountTagUses } from '../tags/counts.ts';
import type { Account } from '../accounts/service.ts';
import type { Outbox } from '../outbox.ts';
import { FANOUT_QUEUE } from '../timelines/fanout.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChange, StatusChanges } from './changes.ts';
import type { Status, StatusView } from './views.ts';

export function createRemoval(deps: {
  jobs: Jobs;
  outbox: Outbox;
  /** who a status was delivered to (fan-out's recipients), for removing it everywhere */
  audienceOf: (statusId: string) => Promise<string[]>;
}) {
  const { jobs, outbox, audienceOf } = deps;

  /**
   * Statuses about to be deleted leave their authors' counts, if fan-out counted them already; one
   * still waiting in the fan-out queue is taken out of it instead (it was never counted). Returns
   * those.
   */
  async function uncount(tx: DbOrTx, gone: readonly StatusRef[]): Promise<Set<string>> {
    const waiting = new Set(
      await jobs.batches.cancel(
        tx,
        FANOUT_QUEUE,
        gone.map((s) => s.id),
      ),
    );
    const byAuthor = new Map<string, number>();
    for (const s of gone) if (!waiting.has(s.id)) byAuthor.set(s.accountId, (byAuthor.get(s.accountId) ?? 0) + 1);
    for (const [accountId, n] of byAuthor) await addToStatusesCount(tx, accountId, -n);
    await uncountTagUses(
      tx,
      gone.filter((s) => !waiting.has(s.id)).map((s) => s.id),
    );
    return waiting;
  }

  /**
   * Before a status goes, records who must see it disappear: every home feed holding it or a
   * reblog of it, its author and mentioned accounts, the followers of its author and rebloggers,
   * and the public streams if it was public.
   */
  async function enqueueRemoval(tx: DbOrTx, s: Status, tagNames: string[]): Promise<void> {
    // Whoever it was delivered to, directly or through a reblog, computed as fan-out did.
    const reblogs = await reblogsOf(tx, s.id);
    const holders = new Set<string>([s.accountId, ...(await mentionedIds(tx, s.id)), ...(await audienceOf(s.id))]);
    for (const r of reblogs) for (const id of await audienceOf(r.id)) holders.add(id);
    await jobs.enqueue(tx, 'status.removed', {
      statusId: s.id,
      reblogIds: reblogs.map((r) => r.id),
      authorId: s.accountId,
      rebloggerIds: [...new Set(reblogs.map((r) => r.accountId))],
      accountIds: [...holders],
      public: s.visibility === 'public' && !s.reblogOfId,
      direct: s.visibility === 'direct',
      local: s.local,
      tags: tagNames,
    });
  }

  /** Deletes a status (not a reblog) with everything that counts it, telling screens and servers. */
  async function destroy(tx: DbOrTx, current: Status, tagNames: string[]): Promise<StatusChange> {
    const reblogs = await reblogsOf(tx, current.id);
    const uncounted = await uncount(tx, [current, ...reblogs]);
    await enqueueRemoval(tx, current, tagNames);
    if (current.local && (await outbox.concernsRemote(tx, current.id))) {
      await outbox.publish(tx, {
        type: 'status.deleted',
        statusId: current.id,
        authorId: current.accountId,
        visibility: current.visibility,
        mentionedIds: await remoteMentionedIds(tx, current.id),
        reblogOfId: null,
      });
    }
    await deleteStatus(tx, current.id);
    // A reply fan-out had not counted yet (see fanout-count) was never counted on its parent.
    if (current.inReplyToId && !uncounted.has(current.id)) await addToCount(tx, current.inReplyToId, 'replies', -1);
    return {
      statusIds: [current.id, ...reblogs.map((r) => r.id), ...(current.inReplyToId ? [current.inReplyToId] : [])],
      accountIds: [current.accountId, ...reblogs.map((r) => r.accountId)],
      postsOf: [current.accountId, ...reblogs.map((r) => r.accountId)],
    };
  }

  return { uncount, enqueueRemoval, destroy };
}

export type Removal = ReturnType<typeof createRemoval>;

export function createRemove(deps: { db: Db; removal: Removal; access: StatusAccess; changes: StatusChanges }) {
  const { db, removal, access, changes } = deps;
  /** Deletes a status and returns it as it was, with its source text for redrafting. */
  return async function remove(author: Account, id: string): Promise<StatusView> {
    const current = await access.own(author, id);
    const before = await access.view(author.id, id);
    await changes.committed(
      await db.transaction((tx) =>
        removal.destroy(
          tx,
          current,
          before.tags.map((t) => t.name),
        ),
      ),
    );
    return before;
  };
}
