// Client apps, authorization codes, access tokens and browser sessions: one file for each, behind
// this facade.
import type { Bus } from '../../infra/bus.ts';
import type { Db } from '../../store/db.ts';
import type { Changes } from '../changes.ts';
import type { IdGenerator } from '../ids.ts';
import { createApps } from './apps.ts';
import { createGrants } from './grants.ts';
import { createRevoke } from './revoke.ts';
import { createTokens } from './tokens.ts';
import { createWebSessions } from './web-sessions.ts';

export type { Bearer, Grant, IssuedToken, OAuthApp, TokenRow } from './types.ts';
export { OOB_REDIRECT } from './types.ts';

export function createOAuth(deps: { db: Db; ids: IdGenerator; bus: Bus; changes: Changes }) {
  return {
    ...createApps(deps),
    ...createTokens(deps),
    ...createRevoke(deps),
    ...createGrants(deps.db),
    ...createWebSessions(deps.db),
  };
}

export type OAuth = ReturnType<typeof createOAuth>;
