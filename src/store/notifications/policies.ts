// Notification policies: a user's row, and what the policy needs to know of a sender, read in the
// transaction that creates the notification.
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../infra/jobs.ts';
import type { Db } from '../db.ts';
import { notificationPolicies, type NotificationPolicyAction, type NotificationPolicyRow } from '../schema/index.ts';

export function policyRow(db: Db, accountId: string): Promise<NotificationPolicyRow | undefined> {
  return db.query.notificationPolicies.findFirst({ where: eq(notificationPolicies.accountId, accountId) });
}

export async function savePolicy(db: Db, row: Omit<NotificationPolicyRow, 'updatedAt'>): Promise<NotificationPolicyRow> {
  const { accountId, ...actions } = row;
  const [saved] = await db
    .insert(notificationPolicies)
    .values(row)
    .onConflictDoUpdate({ target: notificationPolicies.accountId, set: { ...actions, updatedAt: new Date() } })
    .returning();
  return saved!;
}

/** The recipient's policy (its choices null without a row) and the sender's standing with them. */
export interface SenderStanding {
  policy: Partial<Record<'forNotFollowing' | 'forNotFollowers' | 'forNewAccounts' | 'forPrivateMentions' | 'forLimitedAccounts', NotificationPolicyAction | null>>;
  /** the recipient follows the sender */
  following: boolean;
  /** since when the sender follows the recipient */
  followerSince: Date | null;
  senderCreatedAt: Date;
  /** the recipient accepted a request from the sender */
  permitted: boolean;
  /** the notification's status is a direct message */
  direct: boolean;
}

type StandingRow = {
  for_not_following: NotificationPolicyAction | null;
  for_not_followers: NotificationPolicyAction | null;
  for_new_accounts: NotificationPolicyAction | null;
  for_private_mentions: NotificationPolicyAction | null;
  for_limited_accounts: NotificationPolicyAction | null;
  following: boolean;
  // Timestamps read with db.execute arrive as text (Drizzle's parsers).
  follower_since: string | null;
  sender_created_at: string;
  permitted: boolean;
  direct: boolean;
};

export async function senderStanding(tx: Executor, recipientId: string, senderId: string, statusId: string | null): Promise<SenderStanding | undefined> {
  const result = await tx.execute<StandingRow>(sql`
    select p.for_not_following, p.for_not_followers, p.for_new_accounts, p.for_private_mentions, p.for_limited_accounts,
      exists (select 1 from follows f where f.account_id = ${recipientId} and f.target_account_id = a.id) as following,
      (select f.created_at from follows f where f.account_id = a.id and f.target_account_id = ${recipientId}) as follower_since,
      a.created_at as sender_created_at,
      exists (select 1 from notification_permissions np where np.account_id = ${recipientId} and np.from_account_id = a.id) as permitted,
      coalesce((select s.visibility = 'direct' from statuses s where s.id = ${statusId}::bigint), false) as direct
    from accounts a left join notification_policies p on p.account_id = ${recipientId}
    where a.id = ${senderId}`);
  const r = result.rows[0];
  if (!r) return undefined;
  return {
    policy: {
      forNotFollowing: r.for_not_following,
      forNotFollowers: r.for_not_followers,
      forNewAccounts: r.for_new_accounts,
      forPrivateMentions: r.for_private_mentions,
      forLimitedAccounts: r.for_limited_accounts,
    },
    following: r.following,
    followerSince: r.follower_since === null ? null : new Date(r.follower_since),
    senderCreatedAt: new Date(r.sender_created_at),
    permitted: r.permitted,
    direct: r.direct,
  };
}

/**
 * Whether a reply answers a direct message of the recipient that mentioned the sender, up its
 * thread (at most 100 posts up, as Mastodon looks).
 */
export async function answersRecipient(tx: Executor, statusId: string, recipientId: string, senderId: string): Promise<boolean> {
  const result = await tx.execute<{ found: boolean }>(sql`
    with recursive up(id, parent, depth) as (
      select s.id, s.in_reply_to_id, 0 from statuses s where s.id = (select in_reply_to_id from statuses where id = ${statusId})
      union all
      select s.id, s.in_reply_to_id, up.depth + 1 from up join statuses s on s.id = up.parent where up.depth < 100
    )
    select exists (
      select 1 from up join statuses s on s.id = up.id
      join status_mentions m on m.status_id = s.id and m.account_id = ${senderId}
      where s.account_id = ${recipientId} and s.visibility = 'direct'
    ) as found`);
  return result.rows[0]?.found ?? false;
}
