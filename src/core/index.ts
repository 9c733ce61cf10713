// The core: Parley's rules, free of HTTP, ActivityPub and React.
import type { Config } from '../config.ts';
import type { Db } from '../store/db.ts';
import { createAccounts } from './accounts/service.ts';
import { createOAuth } from './auth/oauth.ts';
import type { IdGenerator } from './ids.ts';
import { createInstance } from './instance.ts';

export function createCore(deps: { db: Db; ids: IdGenerator; config: Config }) {
  return {
    accounts: createAccounts({ db: deps.db, ids: deps.ids, config: deps.config }),
    oauth: createOAuth({ db: deps.db, ids: deps.ids }),
    instance: createInstance({ db: deps.db }),
  };
}

export type Core = ReturnType<typeof createCore>;
