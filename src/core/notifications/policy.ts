// Reading and changing a user's notification policy, with what it holds back.
import { pendingSummary } from '../../store/notifications/requests.ts';
import { policyRow, savePolicy } from '../../store/notifications/policies.ts';
import { Problems } from '../errors.ts';
import type { NotificationsDeps } from './deps.ts';
import { DEFAULT_POLICY, POLICY_ACTIONS, type Policy, type PolicyAction } from './policy-rule.ts';

/** Pending requests are counted up to this many (Mastodon's cap). */
const MAX_COUNTED_REQUESTS = 100;

export interface PolicyView extends Policy {
  summary: { pendingRequests: number; pendingNotifications: number };
}

export type PolicyChanges = Partial<Record<keyof Policy, string>>;

const FIELDS: Record<keyof Policy, string> = {
  forNotFollowing: 'for_not_following',
  forNotFollowers: 'for_not_followers',
  forNewAccounts: 'for_new_accounts',
  forPrivateMentions: 'for_private_mentions',
  forLimitedAccounts: 'for_limited_accounts',
};

export function createPolicyVerbs(deps: NotificationsDeps) {
  const { db } = deps;

  async function current(accountId: string): Promise<Policy> {
    const row = await policyRow(db, accountId);
    if (!row) return { ...DEFAULT_POLICY };
    const { forNotFollowing, forNotFollowers, forNewAccounts, forPrivateMentions, forLimitedAccounts } = row;
    return { forNotFollowing, forNotFollowers, forNewAccounts, forPrivateMentions, forLimitedAccounts };
  }

  async function withSummary(accountId: string, policy: Policy): Promise<PolicyView> {
    const pending = await pendingSummary(db, accountId, MAX_COUNTED_REQUESTS);
    return { ...policy, summary: { pendingRequests: pending.requests, pendingNotifications: pending.notifications } };
  }

  return {
    policy: async (accountId: string): Promise<PolicyView> => withSummary(accountId, await current(accountId)),

    /** Changes the choices given (each accept, filter or drop); the others stay. */
    async updatePolicy(accountId: string, changes: PolicyChanges): Promise<PolicyView> {
      const problems = new Problems();
      for (const [key, value] of Object.entries(changes) as [keyof Policy, string | undefined][]) {
        if (value !== undefined && !POLICY_ACTIONS.includes(value as PolicyAction)) problems.add(FIELDS[key], 'ERR_INCLUSION', `must be one of ${POLICY_ACTIONS.join(', ')}`);
      }
      problems.throwIfAny();
      const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<Policy>;
      const next = { ...(await current(accountId)), ...given };
      await savePolicy(db, { accountId, ...next });
      return withSummary(accountId, next);
    },
  };
}
