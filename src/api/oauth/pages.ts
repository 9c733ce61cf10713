// Server-rendered pages for signing in and granting apps access (they must work without JavaScript).
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { contentSecurityPolicy, inlineStyleSource } from '../security-headers.ts';

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
:root{color-scheme:light dark;--bg:#f4f5f8;--card:#fff;--text:#1b1f2a;--muted:#5b6478;--accent:#4b3fd1;--danger:#b3261e;--border:#d7dbe4}
@media (prefers-color-scheme:dark){:root{--bg:#14161c;--card:#1e2129;--text:#e8eaf0;--muted:#a3abbd;--accent:#9d94ff;--danger:#ff8a80;--border:#343946}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--text)}
main{max-width:26rem;margin:3rem auto;padding:0 1rem}
.card{background:var(--card);border:1px solid var(--border);border-radius:12px;padding:1.5rem}
h1{font-size:1.4rem;margin:0 0 1rem}p{margin:.5rem 0}.muted{color:var(--muted);font-size:.9rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input[type=text],input[type=email],input[type=password]{width:100%;padding:.6rem .7rem;border:1px solid var(--border);border-radius:8px;font:inherit;background:var(--bg);color:var(--text)}
button{font:inherit;font-weight:600;padding:.6rem 1rem;border-radius:8px;border:1px solid var(--accent);cursor:pointer}
.primary{background:var(--accent);color:#fff}.secondary{background:transparent;color:var(--accent)}
.actions{display:flex;gap:.75rem;margin-top:1.25rem;flex-wrap:wrap}
.error{color:var(--danger);font-weight:600}ul.scopes{padding-left:1.2rem}
code.secret{display:block;padding:.75rem;border:1px dashed var(--border);border-radius:8px;word-break:break-all;font-size:1.05rem}
.brand{font-weight:800;letter-spacing:.02em;color:var(--accent);margin-bottom:1rem}
`;

/**
 * What these pages may do: their own stylesheet, nothing else loaded. Forms post here; the consent
 * page's answer then redirects to the app, which Chromium would check against a form-action too, so
 * that page (`redirectsToApp`) states none, as Mastodon's does.
 */
export function pageHeaders(options: { redirectsToApp?: boolean } = {}): Record<string, string> {
  const policy = contentSecurityPolicy({ 'style-src': inlineStyleSource(STYLE), ...(options.redirectsToApp ? {} : { 'form-action': "'self'" }) });
  // The address carries the app's state, and the consent page links to the app's website.
  return { 'Content-Security-Policy': policy, 'Referrer-Policy': 'no-referrer' };
}

export function layout(title: string, instanceTitle: string, body: Content) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · ${instanceTitle}</title>
<style>${raw(STYLE)}</style>
</head>
<body><main><div class="brand">${instanceTitle}</div><div class="card">${body}</div></main></body>
</html>`;
}

export function signInPage(opts: { instanceTitle: string; returnTo: string; login?: string; error?: string }) {
  return layout(
    'Sign in',
    opts.instanceTitle,
    html`<h1>Sign in</h1>
${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
<form method="post" action="/auth/sign_in">
  <input type="hidden" name="return_to" value="${opts.returnTo}">
  <label for="login">E-mail address or username</label>
  <input id="login" name="login" type="text" autocomplete="username" required value="${opts.login ?? ''}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <div class="actions"><button class="primary" type="submit">Sign in</button></div>
</form>`,
  );
}

const SCOPE_TEXT: Record<string, string> = {
  read: 'read all your account’s data',
  write: 'change all your account’s data',
  follow: 'change who you follow, block and mute',
  push: 'receive your push notifications',
  profile: 'read only your profile information',
  'admin:read': 'read all data on the server',
  'admin:write': 'moderate all data on the server',
};

function describeScope(scope: string): string {
  return SCOPE_TEXT[scope] ?? scope.replace(':', ': ').replace(/_/g, ' ');
}

export interface ConsentFields {
  client_id: string;
  redirect_uri: string;
  response_type: string;
  scope: string;
  state?: string | undefined;
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
}

export function consentPage(opts: { instanceTitle: string; appName: string; website: string | null; username: string; fields: ConsentFields }) {
  const hidden = Object.entries(opts.fields)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  return layout(
    'Authorise access',
    opts.instanceTitle,
    html`<h1>Authorise ${opts.appName}?</h1>
<p>${opts.website ? html`<a href="${opts.website}" rel="noopener nofollow">${opts.appName}</a>` : opts.appName} would like to use your account
<strong>@${opts.username}</strong> to:</p>
<ul class="scopes">${opts.fields.scope.split(' ').map((s) => html`<li>${describeScope(s)}</li>`)}</ul>
<form method="post" action="/oauth/authorize">
  ${hidden}
  <div class="actions">
    <button class="primary" type="submit" name="allowed" value="true">Authorise</button>
    <button class="secondary" type="submit" name="allowed" value="false">Deny</button>
  </div>
</form>
<form method="post" action="/auth/sign_out"><p class="muted">Not you? <button class="secondary" type="submit">Sign out</button></p></form>`,
  );
}

export function codePage(opts: { instanceTitle: string; code: string }) {
  return layout(
    'Authorisation code',
    opts.instanceTitle,
    html`<h1>Authorisation code</h1>
<p>Copy this code and paste it into the application:</p>
<code class="secret" id="authorization-code">${opts.code}</code>`,
  );
}

export function errorPage(opts: { instanceTitle: string; title: string; message: string }) {
  return layout(opts.title, opts.instanceTitle, html`<h1>${opts.title}</h1><p class="error" role="alert">${opts.message}</p>`);
}
