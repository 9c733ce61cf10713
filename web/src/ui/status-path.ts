import type { Status } from '../api/types.ts';

/** Where the web app shows a post in its thread. */
export function statusPath(s: Status): string {
  return `/web/@${s.account.acct}/${s.id}`;
}
