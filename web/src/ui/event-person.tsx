// Someone in an event's lists (participants, raised hands): avatar, name and handle.
import type { EventAccount } from '../api/event-types.ts';

export const personName = (a: EventAccount) => a.display_name.trim() || a.username;

export function Person({ account }: { account: EventAccount }) {
  return (
    <span className="person">
      <img className="avatar" src={account.avatar} alt="" width={32} height={32} loading="lazy" />
      <span className="names">
        <bdi className="display-name">{personName(account)}</bdi>
        <span className="acct">@{account.acct}</span>
      </span>
    </span>
  );
}
