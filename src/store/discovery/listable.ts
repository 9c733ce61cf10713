// Who may be shown to others as a discovery (the directory, follow suggestions), written once.
import { sql, type SQL } from 'drizzle-orm';

/**
 * The account `a` opted into discovery and may be shown: not suspended and, when local, a user who
 * was approved, confirmed and not disabled. The partial index accounts_discoverable_idx holds the
 * first two conditions, so the rest is checked only on accounts that opted in.
 */
export const listable: SQL = sql`a.discoverable and a.suspended_at is null
  and (a.domain is not null or exists (select 1 from users u where u.account_id = a.id and u.approved and u.confirmed_at is not null and not u.disabled))`;

/** `a` is not hidden from the viewer: no block either way, no active mute (one index probe each). */
export function notHiddenFrom(viewerId: string): SQL {
  return sql`not exists (select 1 from blocks where account_id = ${viewerId} and target_account_id = a.id)
  and not exists (select 1 from blocks where account_id = a.id and target_account_id = ${viewerId})
  and not exists (select 1 from mutes where account_id = ${viewerId} and target_account_id = a.id and (expires_at is null or expires_at > now()))`;
}
