// Client apps: registered with their redirect addresses and scopes, found by client id.
import { eq } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { oauthApps } from '../../store/schema/index.ts';
import { Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { parseScopes, unknownScopes } from './scopes.ts';
import { newSecret } from './secrets.ts';
import { OOB_REDIRECT, type OAuthApp } from './types.ts';

export interface AppInput {
  name: string;
  website?: string | null | undefined;
  redirectUris: string[];
  scopes?: string | string[] | undefined;
}

/**
 * A redirect URI must be absolute, or the out-of-band marker; and never javascript: or data:. No
 * control characters either: the address is sent back as it was registered, and a browser reads
 * one with a tab or newline in it as another address.
 */
function validRedirectUri(uri: string): boolean {
  if (uri === OOB_REDIRECT) return true;
  if (/[\u0000-\u001f\u007f]/.test(uri)) return false;
  try {
    const url = new URL(uri);
    return !['javascript:', 'data:', 'vbscript:', 'file:'].includes(url.protocol) && !url.hash;
  } catch {
    return false;
  }
}

/** The app's fields as they will be stored, or the problems that refuse it. */
function checkedApp(input: AppInput): { name: string; website: string | null; redirectUris: string[]; scopes: string[] } {
  const problems = new Problems();
  const name = input.name.trim();
  if (!name) problems.add('name', 'ERR_BLANK', "can't be blank");
  else if (name.length > 60) problems.add('name', 'ERR_TOO_LONG', 'is too long (maximum is 60 characters)');
  const redirectUris = input.redirectUris.map((u) => u.trim()).filter(Boolean);
  if (redirectUris.length === 0) problems.add('redirect_uri', 'ERR_BLANK', "can't be blank");
  for (const uri of redirectUris) if (!validRedirectUri(uri)) problems.add('redirect_uri', 'ERR_INVALID', `${uri} is not a valid URI`);
  const scopes = parseScopes(input.scopes ?? 'read');
  if (scopes.length === 0) scopes.push('read');
  const unknown = unknownScopes(scopes);
  if (unknown.length > 0) problems.add('scopes', 'ERR_INVALID', `contains unknown scopes: ${unknown.join(', ')}`);
  const website = input.website?.trim() || null;
  if (website && !/^https?:\/\/\S+$/.test(website)) problems.add('website', 'ERR_INVALID', 'is not a valid URL');
  problems.throwIfAny();
  return { name, website, redirectUris, scopes };
}

export function createApps(deps: { db: Db; ids: IdGenerator }) {
  const { db, ids } = deps;
  return {
    async createApp(input: AppInput): Promise<OAuthApp> {
      const [app] = await db
        .insert(oauthApps)
        .values({ id: ids(), ...checkedApp(input), clientId: newSecret(), clientSecret: newSecret() })
        .returning();
      return app!;
    },

    async appByClientId(clientId: string): Promise<OAuthApp | undefined> {
      return db.query.oauthApps.findFirst({ where: eq(oauthApps.clientId, clientId) });
    },
  };
}
