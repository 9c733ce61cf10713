// The sign-in and consent pages in a real browser, attacked from another site: a sign-in link whose
// return_to a browser reads as another site (an open redirect after the password was typed), and a
// page framing the consent screen to get a click on "Authorise". The other site is a server on
// another loopback port: same-site with Parley, so the session cookie goes along into its frames.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { launch, SKIP_BROWSER } from './browser.ts';

const WAIT = { timeout: 15_000 };

/** The attacker's site: a page framing Parley's, an app's callback, and a phishing page anywhere else. */
async function otherSite(parley: () => string) {
  const visited: string[] = [];
  const server = http.createServer((req, res) => {
    visited.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const framed = url.searchParams.getAll('src').map((src, i) => `<iframe name="frame${i}" src="${parley()}${src}" width="600" height="400"></iframe>`);
    const body = url.pathname === '/frame' ? framed.join('\n') : url.pathname === '/callback' ? '<h1>Callback</h1>' : '<h1>Phish</h1>';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Elsewhere</title>${body}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, host: new URL(origin).host, visited, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('sign-in and consent pages attacked in a browser', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let elsewhere: Awaited<ReturnType<typeof otherSite>>;
  let user: Awaited<ReturnType<typeof signUp>>;
  let authorizePath: string;

  before(async () => {
    server = await startServer();
    elsewhere = await otherSite(() => server.url);
    browser = await launch();
    user = await signUp(server.url, 'amina');
    const app = await call(server.url, '/api/v1/apps', { json: { client_name: 'Elsewhere', redirect_uris: `${elsewhere.origin}/callback`, scopes: 'read' } });
    assert.equal(app.status, 200);
    authorizePath = `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: app.body.client_id, redirect_uri: `${elsewhere.origin}/callback`, scope: 'read' })}`;
  });

  after(async () => {
    await browser?.close();
    await elsewhere?.close();
    await server?.stop();
  });

  async function signIn(page: Page, path: string) {
    await page.goto(`${server.url}${path}`);
    await page.getByLabel('E-mail address or username').fill('amina');
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/auth/sign_in', WAIT);
  }

  it('stays on the server after sign-in, whatever return_to a browser would read as another site', async () => {
    const evil = elsewhere.host;
    const tricks = [`/\t/${evil}/phish`, `/%09/${evil}`, `/\\${evil}`, `\t//${evil}`, `http://${evil}`, `/%2F/${evil}`, ` //${evil}`, `/.//${evil}`, `/\\/${evil}`, `//${evil}`];
    const escaped: string[] = [];
    for (const returnTo of tricks) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, `/auth/sign_in?return_to=${encodeURIComponent(returnTo)}`);
      if (new URL(page.url()).origin !== server.url) escaped.push(`${JSON.stringify(returnTo)} led to ${page.url()}`);
      await context.close();
    }
    assert.deepEqual(escaped, []);
    assert.deepEqual(elsewhere.visited, [], 'the other site was never visited');
  });

  it('returns to the page that sent the visitor to sign in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, `/auth/sign_in?return_to=${encodeURIComponent(authorizePath)}`);
    await page.getByRole('button', { name: 'Authorise' }).waitFor(WAIT);
    assert.equal(page.url(), `${server.url}${authorizePath}`);
    // The page's policy lets the consent go back to the app on its own site.
    await page.getByRole('button', { name: 'Authorise' }).click();
    await page.waitForURL(`${elsewhere.origin}/callback?**`, WAIT);
    assert.ok(new URL(page.url()).searchParams.get('code'));
    await context.close();
  });

  it('refuses to show the consent and sign-in pages in another site’s frame', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, `/auth/sign_in?return_to=${encodeURIComponent(authorizePath)}`);
    await page.getByRole('button', { name: 'Authorise' }).waitFor(WAIT);

    const refused: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors|X-Frame-Options/.test(message.text())) refused.push(message.text());
    });
    const framing = `${elsewhere.origin}/frame?${new URLSearchParams([
      ['src', authorizePath],
      ['src', '/auth/sign_in'],
    ])}`;
    await page.goto(framing);
    const frames = page.frames().filter((frame) => frame !== page.mainFrame());
    assert.equal(frames.length, 2);
    for (const frame of frames) {
      assert.equal(await frame.getByRole('button', { name: 'Authorise' }).count(), 0, `${frame.name()} shows the consent form`);
      assert.equal(await frame.getByLabel('Password').count(), 0, `${frame.name()} shows the sign-in form`);
    }
    assert.equal(refused.length, 2, 'Chromium says why each frame stayed empty');
    await context.close();
  });
});
