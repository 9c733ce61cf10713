// The headers that keep every HTML answer out of other sites' frames, unsniffed, with a content
// security policy and no Referer leaking its address: the OAuth pages (their error answers too),
// the public pages (their 404 too) and the web app. Other answers are at least not sniffed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import type { AppEnv } from '../../src/api/deps.ts';
import { finishAnswer } from '../../src/api/pipeline.ts';
import { webAppRoutes } from '../../src/api/webapp/routes.ts';
import { call, signUp, type Reply } from '../helpers/http.ts';
import { authorizeUrl, Browser, hiddenFields } from '../helpers/oauth-flow.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const REDIRECT = 'https://app.example/callback';
const OOB = 'urn:ietf:wg:oauth:2.0:oob';

interface Answer {
  status: number;
  headers: Headers;
  html: string;
}

/** Asserts the headers every HTML answer carries; returns its policy's directives by name. */
function assertSecuredHtml(answer: Answer, what: string): Map<string, string> {
  assert.match(answer.headers.get('content-type') ?? '', /^text\/html/, what);
  assert.equal(answer.headers.get('x-frame-options'), 'DENY', what);
  assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', what);
  assert.match(answer.headers.get('referrer-policy') ?? '', /^(no-referrer|same-origin)$/, what);
  const policy = new Map(
    (answer.headers.get('content-security-policy') ?? '').split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources.join(' ')] as [string, string];
    }),
  );
  assert.equal(policy.get('frame-ancestors'), "'none'", what);
  assert.equal(policy.get('base-uri'), "'none'", what);
  assert.ok(policy.has('default-src'), what);
  return policy;
}

/** The OAuth pages load nothing, and allow their own stylesheet by its hash. */
function assertOAuthPage(answer: Answer, what: string): Map<string, string> {
  const policy = assertSecuredHtml(answer, what);
  assert.equal(answer.headers.get('referrer-policy'), 'no-referrer', what);
  assert.equal(policy.get('default-src'), "'none'", what);
  const style = /<style>([\s\S]*?)<\/style>/.exec(answer.html)?.[1];
  assert.ok(style, `${what} has its stylesheet`);
  assert.equal(policy.get('style-src'), `'sha256-${createHash('sha256').update(style).digest('base64')}'`, what);
  assert.doesNotMatch(answer.html, /<script/, what);
  return policy;
}

const fromReply = (reply: Reply): Answer => ({ status: reply.status, headers: reply.headers, html: String(reply.body) });

describe('security headers', () => {
  let server: TestServer;
  let user: Awaited<ReturnType<typeof signUp>>;
  let app: { client_id: string };
  let postId: string;

  before(async () => {
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    user = await signUp(server.url, 'amina');
    const registered = await call(server.url, '/api/v1/apps', { json: { client_name: 'Pocket', redirect_uris: [REDIRECT, OOB], scopes: 'read' } });
    app = registered.body;
    const posted = await call(server.url, '/api/v1/statuses', { token: user.token, json: { status: 'Tea time', visibility: 'public' } });
    postId = posted.body.id;
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  /** Signs in through the page and opens the consent page for `redirectUri`. */
  async function consentFor(browser: Browser, redirectUri: string) {
    const signIn = await browser.request(authorizeUrl(server.url, { clientId: app.client_id, redirectUri, scope: 'read' }));
    const page = await browser.request(signIn.location!);
    const posted = await browser.request('/auth/sign_in', { form: { ...hiddenFields(page.html), login: 'amina', password: user.password } });
    return browser.request(posted.location!);
  }

  it('sends them with the sign-in page, its refusals and the error page', async () => {
    const browser = new Browser(server.url);
    const signIn = await browser.request('/auth/sign_in?return_to=%2Fweb%2Fhome');
    assert.equal(signIn.status, 200);
    assert.equal(assertOAuthPage(signIn, 'sign-in page').get('form-action'), "'self'");
    const wrong = await browser.request('/auth/sign_in', { form: { ...hiddenFields(signIn.html), login: 'amina', password: 'not it' } });
    assert.equal(wrong.status, 401);
    assertOAuthPage(wrong, 'sign-in refused');
    const unknownApp = await browser.request('/oauth/authorize?client_id=nobody');
    assert.equal(unknownApp.status, 400);
    assertOAuthPage(unknownApp, 'authorisation error page');
  });

  it('sends them with the consent page, whose answer may still go back to the app, and the code page', async () => {
    const browser = new Browser(server.url);
    const consent = await consentFor(browser, REDIRECT);
    assert.equal(consent.status, 200);
    assert.match(consent.html, /Authorise Pocket/);
    // Chromium checks a form's redirect against form-action too: the app's address must stay open.
    assert.equal(assertOAuthPage(consent, 'consent page').has('form-action'), false);
    assert.equal(consent.headers.get('cache-control'), 'no-store');

    const outOfBand = await browser.request(authorizeUrl(server.url, { clientId: app.client_id, redirectUri: OOB, scope: 'read' }));
    const code = await browser.request('/oauth/authorize', { form: { ...hiddenFields(outOfBand.html), allowed: 'true' } });
    assert.equal(code.status, 200);
    assert.match(code.html, /id="authorization-code"/);
    assertOAuthPage(code, 'code page');
  });

  it('sends them with the public pages, their 404 included', async () => {
    for (const [path, status] of [
      ['/@amina', 200],
      [`/@amina/${postId}`, 200],
      ['/@nobody', 404],
      [`/@amina/1`, 404],
    ] as const) {
      const page = fromReply(await call(server.url, path, { headers: { accept: 'text/html' } }));
      assert.equal(page.status, status, path);
      const policy = assertSecuredHtml(page, path);
      assert.equal(policy.get('default-src'), "'none'", path);
      assert.equal(policy.get('form-action'), "'none'", path);
    }
  });

  it('sends them with the web app, whose policy lets it open its stream', async () => {
    for (const path of ['/', '/web/home', '/web/@amina']) {
      const page = fromReply(await call(server.url, path));
      assert.equal(page.status, 200, path);
      const policy = assertSecuredHtml(page, path);
      assert.equal(policy.get('default-src'), "'self'", path);
      assert.match(policy.get('connect-src') ?? '', /ws:/, path);
    }
  });

  it('gives an HTML answer that states no policy the strictest one (the web app not built)', async () => {
    // The shared pipeline around the web app's routes, in process: the built app cannot go missing under a server.
    const hono = new Hono<AppEnv>();
    hono.use(finishAnswer);
    hono.route('/', webAppRoutes(path.join(os.tmpdir(), 'parley-no-web-build')));
    const response = await hono.request('/');
    const page = { status: response.status, headers: response.headers, html: await response.text() };
    assert.equal(page.status, 503);
    assert.match(page.html, /npm run build:web/);
    const policy = assertSecuredHtml(page, 'web app missing');
    assert.equal(policy.get('default-src'), "'none'");
    assert.equal(page.headers.get('referrer-policy'), 'same-origin');
  });

  it('keeps every other answer from being sniffed as another type', async () => {
    const answers = [
      ['/api/v1/instance', 200],
      ['/api/v1/timelines/public', 200],
      ['/api/v1/nothing-here', 404],
      ['/@amina.rss', 200],
      ['/avatars/original/missing.png', 200],
    ] as const;
    for (const [path, status] of answers) {
      const answer = await call(server.url, path);
      assert.equal(answer.status, status, path);
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(answer.headers.get('x-frame-options'), null, `${path} is not a page`);
    }
  });
});
