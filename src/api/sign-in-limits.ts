// Password sign-ins (the sign-in page and the OAuth password grant) are limited three ways:
// - every attempt, per address (PARLEY_RATE_LIMIT_SIGN_IN): one address cannot try many accounts;
// - wrong passwords per account and address (PARLEY_RATE_LIMIT_SIGN_IN_ACCOUNT): an address that
//   keeps guessing one account is stopped, for that account only: its failures never lock the
//   owner out, who signs in from another address;
// - addresses with wrong passwords per account (the same setting): many addresses sharing the
//   guessing (a botnet) lock the account's password sign-in for everyone until the window ends.
// A right password counts only as an attempt. Logins naming nobody are limited exactly like real
// ones, so the answers do not tell which accounts exist.
import type { Config } from '../config.ts';
import type { Core } from '../core/index.ts';
import type { RateLimiter, RateLimitResult } from '../infra/rate-limit.ts';

export type SignInAttempt = { allowed: true /** counts a wrong password */; failed(): Promise<void> } | { allowed: false /** seconds until the limit that refused ends */; retryAfter: number };

export type SignInLimits = ReturnType<typeof createSignInLimits>;

export function createSignInLimits(deps: { core: Core; rateLimiter: RateLimiter; config: Config }) {
  const { core, rateLimiter } = deps;
  const { signIn, signInAccount } = deps.config.rateLimits;
  const refused = (limits: RateLimitResult[]): SignInAttempt => {
    const resetAt = Math.max(...limits.map((l) => l.resetAt.getTime()));
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)) };
  };

  return {
    /** Counts an attempt from `address` to sign in as `login`; says whether its password may be checked. */
    async attempt(address: string, login: string): Promise<SignInAttempt> {
      const perAddress = await rateLimiter.consume('sign_in', address, signIn);
      if (!perAddress.allowed) return refused([perAddress]);
      const subject = await core.accounts.signInSubject(login);
      const account = 'userId' in subject ? `u:${subject.userId}` : `l:${subject.login}`;
      const pair = `${account} ${address}`;
      const limits = await Promise.all([rateLimiter.peek('sign_in_failures', pair, signInAccount), rateLimiter.peek('sign_in_failers', account, signInAccount)]);
      if (limits.some((l) => !l.allowed)) return refused(limits.filter((l) => !l.allowed));
      return {
        allowed: true,
        async failed() {
          const failures = await rateLimiter.count('sign_in_failures', pair, signInAccount);
          // An address counts once a window against the account, however often it fails.
          if (failures.remaining === signInAccount.points - 1) await rateLimiter.count('sign_in_failers', account, signInAccount);
        },
      };
    },
  };
}
