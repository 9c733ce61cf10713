import type { Account } from '../api/types.ts';

/** Decorative: the name beside it says who it is. */
export function Avatar({ account, size = 48 }: { account: Account; size?: number }) {
  return <img className="avatar" src={account.avatar} alt="" width={size} height={size} loading="lazy" />;
}

export function displayName(account: Account): string {
  return account.display_name.trim() || account.username;
}
