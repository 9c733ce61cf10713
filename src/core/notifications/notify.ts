// Notifying: the one place notifications are made, in the transaction of what causes them. Never
// to someone who blocks or mutes the sender or muted the conversation; the recipient's policy
// accepts, filters (into a request) or drops each; accepted ones join their group and reach open
// screens once committed.
import type { Executor } from '../jobs.ts';
import { insertNotification } from '../../store/notifications/rows.ts';
import { answersRecipient, senderStanding } from '../../store/notifications/policies.ts';
import { saveRequest } from '../../store/notifications/requests.ts';
import type { NewNotification, NotificationsDeps } from './deps.ts';
import { candidateKeys, groupSubject } from './group-key.ts';
import { DEFAULT_POLICY, isFilterable, policyVerdict, type Policy, type PolicyAction } from './policy-rule.ts';

/** What the recipient's policy says of this notification. */
async function verdictFor(tx: Executor, n: NewNotification, now: number): Promise<PolicyAction> {
  if (!isFilterable(n.type)) return 'accept';
  const s = await senderStanding(tx, n.recipientId, n.fromId, n.statusId ?? null);
  if (!s) return 'accept';
  // A choice the recipient never made is the default one.
  const policy: Policy = { ...DEFAULT_POLICY, ...Object.fromEntries(Object.entries(s.policy).filter(([, v]) => v !== null)) };
  const statusId = n.statusId;
  const privateMention = async () => n.type === 'mention' && s.direct && !!statusId && !(await answersRecipient(tx, statusId, n.recipientId, n.fromId));
  return policyVerdict(policy, { ...s, privateMention }, now);
}

export function createNotify(deps: NotificationsDeps) {
  const { ids, jobs } = deps;
  return {
    /** Inserts notifications inside the caller's transaction (see the file's comment for which). */
    async notify(tx: Executor, list: NewNotification[]): Promise<void> {
      const created: { id: string; recipientId: string; fromId: string }[] = [];
      for (const n of list) {
        // A poll's end is told to its author too (from the author, as Mastodon does).
        if (n.recipientId === n.fromId && n.type !== 'poll') continue;
        const now = Date.now();
        const verdict = await verdictFor(tx, n, now);
        if (verdict === 'drop') continue;
        const filtered = verdict === 'filter';
        // Filtered notifications stand alone, as in Mastodon: a group never counts what is held back.
        const subject = filtered ? null : groupSubject(n.type, n.statusId);
        const statusId = n.statusId ?? null;
        const made = await insertNotification(tx, {
          id: ids(),
          recipientId: n.recipientId,
          fromId: n.fromId,
          type: n.type,
          statusId,
          filtered,
          groupKeys: subject ? candidateKeys(subject, now) : null,
        });
        if (!made) continue;
        if (!filtered) created.push({ id: made.id, recipientId: n.recipientId, fromId: n.fromId });
        else if (n.type === 'mention' && statusId) await saveRequest(tx, { id: ids(), accountId: n.recipientId, fromAccountId: n.fromId, lastStatusId: statusId });
      }
      // Open screens hear of it once the transaction commits (the job only exists if it does).
      if (created.length > 0) await jobs.enqueue(tx, 'notification.live', { items: created });
    },
  };
}
