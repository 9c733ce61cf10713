// A signed-up person for tests that act through masto.js: name, token, account id and a client.
import { createRestAPIClient, type mastodon } from 'masto';
import { call, signUp } from './http.ts';

export interface Person {
  name: string;
  token: string;
  id: string;
  masto: mastodon.rest.Client;
}

/** Signs `name` up and, when `profile` is given, updates its profile with it (update_credentials). */
export async function signedUp(base: string, name: string, profile?: Record<string, unknown>): Promise<Person> {
  const { token } = await signUp(base, name);
  const me = profile ? await call(base, '/api/v1/accounts/update_credentials', { method: 'PATCH', token, json: profile }) : await call(base, '/api/v1/accounts/verify_credentials', { token });
  if (me.status !== 200) throw new Error(`profile of ${name}: ${JSON.stringify(me.body)}`);
  return { name, token, id: me.body.id, masto: createRestAPIClient({ url: base, accessToken: token }) };
}
