// The notification policy's rule, as Mastodon's: for each kind of sender the recipient chose to
// accept, filter (held back in a request) or drop (never stored) their notifications; when several
// kinds fit, the strongest choice wins. Only interactions from people can be held back: a poll's
// end, an edit or a subscribed post always passes.
import type { NotificationPolicyAction, NotificationType } from '../../store/schema/index.ts';

export type PolicyAction = NotificationPolicyAction;

export const POLICY_ACTIONS: PolicyAction[] = ['accept', 'filter', 'drop'];

export interface Policy {
  /** senders the recipient does not follow */
  forNotFollowing: PolicyAction;
  /** senders who do not follow the recipient, or began less than three days ago */
  forNotFollowers: PolicyAction;
  /** accounts made less than thirty days ago, not followed */
  forNewAccounts: PolicyAction;
  /** direct messages from senders not followed, unless they answer one the recipient sent them */
  forPrivateMentions: PolicyAction;
  /** accounts a moderator limited: Parley has no limiting yet, so none fits */
  forLimitedAccounts: PolicyAction;
}

/**
 * Everything accepted until the recipient chooses otherwise. Mastodon filters private mentions and
 * limited accounts by default; Parley's web app does not show requests yet, so filtering by default
 * would hide direct messages from its users.
 */
export const DEFAULT_POLICY: Policy = {
  forNotFollowing: 'accept',
  forNotFollowers: 'accept',
  forNewAccounts: 'accept',
  forPrivateMentions: 'accept',
  forLimitedAccounts: 'accept',
};

const FILTERABLE: ReadonlySet<NotificationType> = new Set(['mention', 'reblog', 'follow', 'follow_request', 'favourite']);

export const isFilterable = (type: NotificationType): boolean => FILTERABLE.has(type);

const NEW_ACCOUNT_MS = 30 * 24 * 3_600_000;
const NEW_FOLLOWER_MS = 3 * 24 * 3_600_000;

/** What the rule needs to know of the sender, as the recipient stands with them. */
export interface Standing {
  following: boolean;
  followerSince: Date | null;
  senderCreatedAt: Date;
  /** the recipient accepted a request from them */
  permitted: boolean;
  /** a direct message that does not answer one of the recipient's (asked only when it can matter) */
  privateMention: () => Promise<boolean>;
}

const RANK: Record<PolicyAction, number> = { accept: 0, filter: 1, drop: 2 };
const stronger = (a: PolicyAction, b: PolicyAction): PolicyAction => (RANK[b] > RANK[a] ? b : a);

export async function policyVerdict(policy: Policy, standing: Standing, now: number): Promise<PolicyAction> {
  if (standing.permitted) return 'accept';
  let verdict: PolicyAction = 'accept';
  if (!standing.following) {
    verdict = stronger(verdict, policy.forNotFollowing);
    if (standing.senderCreatedAt.getTime() > now - NEW_ACCOUNT_MS) verdict = stronger(verdict, policy.forNewAccounts);
  }
  if (!standing.followerSince || standing.followerSince.getTime() > now - NEW_FOLLOWER_MS) verdict = stronger(verdict, policy.forNotFollowers);
  // The thread is only walked when its answer could change the verdict.
  if (!standing.following && RANK[policy.forPrivateMentions] > RANK[verdict] && (await standing.privateMention())) verdict = policy.forPrivateMentions;
  return verdict;
}
