// Lists (Mastodon's): an account's named groups of accounts it follows, each read as its own
// timeline. Members must be followed; unfollowing removes them (relations service). One file per
// verb; each announces what it changed once committed (see core/changes).
import { createAddAccounts } from './add-accounts.ts';
import { createCreateList } from './create.ts';
import { createDeleteList } from './delete.ts';
import type { ListsDeps } from './deps.ts';
import { createListReads } from './read.ts';
import { createRemoveAccounts } from './remove-accounts.ts';
import { createUpdateList } from './update.ts';

export type { List, ListInput } from './deps.ts';
export { REPLIES_POLICIES } from './deps.ts';

export function createLists(deps: ListsDeps) {
  return {
    ...createListReads(deps.db),
    ...createCreateList(deps),
    ...createUpdateList(deps),
    ...createDeleteList(deps),
    ...createAddAccounts(deps),
    ...createRemoveAccounts(deps),
  };
}

export type Lists = ReturnType<typeof createLists>;
