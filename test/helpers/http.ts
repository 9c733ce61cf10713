// A small HTTP client for tests that need to see raw statuses and headers.
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  method?: string;
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
  body?: RequestInit['body'];
  headers?: Record<string, string>;
}

export async function call<T = any>(base: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body: RequestInit['body'] = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${base}${path}`, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Registers an app and an account; returns the user's token and the app's credentials. */
export async function signUp(base: string, username: string, scopes = 'read write follow push') {
  const app = await call(base, '/api/v1/apps', { json: { client_name: 'test', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes } });
  if (app.status !== 200) throw new Error(`app registration failed: ${JSON.stringify(app.body)}`);
  const appToken = await call(base, '/oauth/token', {
    json: { grant_type: 'client_credentials', client_id: app.body.client_id, client_secret: app.body.client_secret, scope: scopes },
  });
  if (appToken.status !== 200) throw new Error(`app token failed: ${JSON.stringify(appToken.body)}`);
  const account = await call(base, '/api/v1/accounts', {
    token: appToken.body.access_token,
    json: { username, email: `${username}@example.com`, password: 'correct horse battery', agreement: true, locale: 'en' },
  });
  if (account.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(account.body)}`);
  return {
    token: account.body.access_token as string,
    refreshToken: account.body.refresh_token as string,
    clientId: app.body.client_id as string,
    clientSecret: app.body.client_secret as string,
    password: 'correct horse battery',
  };
}

/** A served file's bytes and headers (media, say); fails unless it is answered 200. */
export async function fetchBytes(url: string): Promise<{ bytes: Buffer; headers: Headers }> {
  const r = await fetch(url);
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
  return { bytes: Buffer.from(await r.arrayBuffer()), headers: r.headers };
}
