// People signed up on a test server, each with their id and a masto.js client of their own.
import { createRestAPIClient, type mastodon } from 'masto';
import { call, signUp } from './http.ts';

export interface Person {
  name: string;
  token: string;
  id: string;
  masto: mastodon.rest.Client;
}

export async function person(url: string, name: string): Promise<Person> {
  const { token } = await signUp(url, name);
  const id = (await call(url, '/api/v1/accounts/verify_credentials', { token })).body.id as string;
  return { name, token, id, masto: createRestAPIClient({ url, accessToken: token }) };
}

/** Several people at once, each name followed by `_<tag>` (one tag per test keeps names apart). */
export const people = (url: string, tag: string, names: string[]): Promise<Person[]> => Promise.all(names.map((n) => person(url, `${n}_${tag}`)));

/** Signs `name` up and, when `profile` is given, updates its profile with it (update_credentials). */
export async function signedUp(base: string, name: string, profile?: Record<string, unknown>): Promise<Person> {
  const { token } = await signUp(base, name);
  const me = profile ? await call(base, '/api/v1/accounts/update_credentials', { method: 'PATCH', token, json: profile }) : await call(base, '/api/v1/accounts/verify_credentials', { token });
  if (me.status !== 200) throw new Error(`profile of ${name}: ${JSON.stringify(me.body)}`);
  return { name, token, id: me.body.id, masto: createRestAPIClient({ url: base, accessToken: token }) };
}
