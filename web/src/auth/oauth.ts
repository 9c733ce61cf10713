// Signing in and out as an OAuth client of this server: the app registers itself on first use
// (POST /api/v1/apps), signs in with the authorization code flow and PKCE (S256), and signs up
// through POST /api/v1/accounts with an app token from client_credentials.
import { api } from '../api/client.ts';
import type { App, Token } from '../api/types.ts';
import { redirectUri, storeApp, storedApp, storedToken, storeToken } from './storage.ts';

export const SCOPES = 'read write follow push';
const PENDING = 'parley.pending-sign-in';

export async function ensureApp(): Promise<App> {
  const existing = storedApp();
  if (existing) return existing;
  const created = await api<App>('/api/v1/apps', {
    token: null,
    body: { client_name: 'Parley Web', redirect_uris: redirectUri(), scopes: SCOPES, website: location.origin },
  });
  const app = { client_id: created.client_id, client_secret: created.client_secret, redirect_uri: redirectUri() };
  storeApp(app);
  return app;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Sends the browser to the server's sign-in and consent pages; it comes back to /web/callback. */
export async function startSignIn(): Promise<void> {
  const app = await ensureApp();
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: app.redirect_uri,
    scope: SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`/oauth/authorize?${q}`);
}

/** Trades the code the server sent back for a token. */
export async function completeSignIn(params: URLSearchParams): Promise<void> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  const error = params.get('error');
  if (error) throw new Error(params.get('error_description') ?? error);
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) throw new Error('state');
  const app = await ensureApp();
  const token = await api<Token>('/oauth/token', {
    token: null,
    body: { grant_type: 'authorization_code', code, redirect_uri: app.redirect_uri, client_id: app.client_id, client_secret: app.client_secret, code_verifier: pending.verifier, scope: SCOPES },
  });
  storeToken(token.access_token);
}

export interface SignUpForm {
  username: string;
  email: string;
  password: string;
  agreement: boolean;
  locale: string;
  /** why the person wants to join, where a moderator approves sign-ups */
  reason?: string;
}

export async function signUp(form: SignUpForm): Promise<void> {
  const app = await ensureApp();
  const appToken = await api<Token>('/oauth/token', {
    token: null,
    body: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: SCOPES },
  });
  const user = await api<Token>('/api/v1/accounts', { token: appToken.access_token, body: form });
  storeToken(user.access_token);
}

/** Revokes the token and ends the server's sign-in session, so the next sign-in asks again. */
export async function signOut(): Promise<void> {
  const app = storedApp();
  const token = storedToken();
  storeToken(null);
  await Promise.allSettled([
    app && token ? api('/oauth/revoke', { token: null, body: { client_id: app.client_id, client_secret: app.client_secret, token } }) : Promise.resolve(),
    fetch('/auth/sign_out', { method: 'POST', credentials: 'same-origin', redirect: 'manual' }),
  ]);
}
