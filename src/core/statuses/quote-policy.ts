// Who may quote a status (Mastodon 4.5's quote_approval_policy, FEP-044f's canQuote): the one rule
// posting, rendering, the interaction policy and federation all follow.
import type { QuotePolicy } from '../../store/schema/index.ts';
import type { Status } from './views.ts';

export type { QuotePolicy };
export const QUOTE_POLICIES: readonly QuotePolicy[] = ['public', 'followers', 'nobody', 'manual'];

/** How the policy applies to one account: Mastodon's QuoteApproval `current_user`. */
export type QuoteVerdict = 'automatic' | 'manual' | 'denied' | 'unknown';

/** Only public and unlisted posts can be quoted (a private post's quote would show it to others). */
export const quotableVisibility = (s: Pick<Status, 'visibility'>): boolean => s.visibility === 'public' || s.visibility === 'unlisted';

/** The policy in force: none for a reblog or a post that cannot be quoted. */
export const effectivePolicy = (s: Pick<Status, 'visibility' | 'quotePolicy' | 'reblogOfId'>): QuotePolicy => (s.reblogOfId || !quotableVisibility(s) ? 'nobody' : s.quotePolicy);

/** Who is automatically allowed, as QuoteApproval's `automatic` lists them. */
export const automaticApproval = (s: Pick<Status, 'visibility' | 'quotePolicy' | 'reblogOfId'>): QuotePolicy[] => {
  const policy = effectivePolicy(s);
  return policy === 'nobody' || policy === 'manual' ? [] : [policy];
};

/** Who may ask and wait for the author's answer, as QuoteApproval's `manual` lists them. */
export const manualApproval = (s: Pick<Status, 'visibility' | 'quotePolicy' | 'reblogOfId'>): 'public'[] => (effectivePolicy(s) === 'manual' ? ['public'] : []);

/** How the policy applies to this account (null: anonymous); `follows`: it follows the author. */
export function quoteVerdict(s: Pick<Status, 'visibility' | 'quotePolicy' | 'reblogOfId' | 'accountId'>, accountId: string | null, follows: boolean): QuoteVerdict {
  if (accountId === null) return 'unknown';
  if (s.reblogOfId || s.visibility === 'direct') return 'denied';
  // Authors may quote their own followers-only posts (the quote then stays among followers, see post).
  if (accountId === s.accountId) return 'automatic';
  if (!quotableVisibility(s)) return 'denied';
  const policy = s.quotePolicy;
  if (policy === 'manual') return 'manual';
  return policy === 'public' || (policy === 'followers' && follows) ? 'automatic' : 'denied';
}

/** A quote of a followers-only post is followers-only too, as Mastodon makes it. */
export function quotingVisibility(asked: Status['visibility'], quoted: Pick<Status, 'visibility'> | undefined): Status['visibility'] {
  return quoted?.visibility === 'private' && (asked === 'public' || asked === 'unlisted') ? 'private' : asked;
}

/** The policy a new post takes: what was asked, else the author's default, and nobody for private and direct posts. */
export function newPostPolicy(asked: QuotePolicy | undefined, visibility: Status['visibility']): QuotePolicy {
  if (visibility === 'private' || visibility === 'direct') return 'nobody';
  return asked ?? 'public';
}
