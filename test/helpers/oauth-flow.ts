// Walks the real sign-in and consent pages as a browser would: cookies, forms, redirects.
import { createHash, randomBytes } from 'node:crypto';

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = m[2]!
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  }
  return fields;
}

export class Browser {
  private cookies = new Map<string, string>();
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  async request(path: string, init: { method?: string; form?: Record<string, string>; origin?: string } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = init.origin ?? this.base;
      body = new URLSearchParams(init.form).toString();
    }
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=');
      if (/Max-Age=0/i.test(cookie) || value === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value!);
    }
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, html: await res.text() };
  }
}

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  login: string;
  password: string;
  state?: string;
  codeChallenge?: string;
  allow?: boolean;
}

/** Returns where the server finally sent the browser (the app's redirect URI with code or error), or the last page. */
export async function authorizeThroughPages(browser: Browser, authorizeUrl: string, req: Pick<AuthorizeRequest, 'login' | 'password' | 'allow'>) {
  let page = await browser.request(authorizeUrl);
  if (page.status === 302 && page.location?.startsWith('/auth/sign_in')) {
    const signIn = await browser.request(page.location);
    if (signIn.status !== 200 || !signIn.html.includes('name="password"')) throw new Error(`no sign-in form: ${signIn.status}`);
    const fields = hiddenFields(signIn.html);
    const posted = await browser.request('/auth/sign_in', { form: { ...fields, login: req.login, password: req.password } });
    if (posted.status !== 302) return { ...posted, location: null };
    page = await browser.request(posted.location!);
  }
  if (page.status !== 200) return page;
  const consent = hiddenFields(page.html);
  return browser.request('/oauth/authorize', { form: { ...consent, allowed: req.allow === false ? 'false' : 'true' } });
}

export function authorizeUrl(base: string, req: Omit<AuthorizeRequest, 'login' | 'password'>): string {
  const q = new URLSearchParams({ response_type: 'code', client_id: req.clientId, redirect_uri: req.redirectUri, scope: req.scope });
  if (req.state) q.set('state', req.state);
  if (req.codeChallenge) {
    q.set('code_challenge', req.codeChallenge);
    q.set('code_challenge_method', 'S256');
  }
  return `${base}/oauth/authorize?${q}`;
}
