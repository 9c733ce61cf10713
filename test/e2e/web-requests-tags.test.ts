// Filtered notifications, followed hashtags and the discoverable switch in the web app, in a real
// browser: the notifications the policy held back wait in their own queue, where each account's
// request is accepted (its notifications join the others) or dismissed; a hashtag is followed from
// its timeline and unfollowed from the list in settings; the profile's `discoverable` is switched
// in settings and kept. axe-core checks each screen.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { describeViolations, launch, SCREENSHOTS, seriousViolations, SKIP_BROWSER } from './browser.ts';

const WAIT = { timeout: 30_000 };

describe('filtered notifications, followed hashtags and discoverability in the web app', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(token: string, path: string, heading: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      storageState: { cookies: [], origins: [{ origin: server.url, localStorage: [{ name: 'parley.token', value: token }] }] },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor(WAIT);
    return page;
  }

  async function noSeriousViolations(page: Page, screen: string) {
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], `${screen}:\n${describeViolations(found)}`);
  }

  async function screenshot(page: Page, name: string, scrollTo?: string) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  }

  it('lists the filtered notifications, accepts one request and dismisses another', async () => {
    const [owner, stranger, other] = [await signUp(server.url, 'rowner'), await signUp(server.url, 'rstranger'), await signUp(server.url, 'rother')];
    assert.equal((await call(server.url, '/api/v2/notifications/policy', { method: 'PATCH', token: owner.token, json: { for_not_following: 'filter' } })).status, 200);
    for (const [who, text] of [
      [stranger, '@rowner hello from a stranger'],
      [stranger, '@rowner are you there?'],
      [other, '@rowner buy my newsletter'],
    ] as const)
      assert.equal((await call(server.url, '/api/v1/statuses', { token: who.token, json: { status: text } })).status, 200);
    await server.app.jobs.idle();

    const page = await open(owner.token, '/web/notifications', 'Notifications');
    assert.equal(await page.locator('.notification').count(), 0, 'held back from the notifications');
    await page.getByRole('link', { name: 'Filtered notifications (2)' }).click();
    await page.getByRole('heading', { name: 'Filtered notifications', level: 1 }).waitFor(WAIT);
    const requests = page.locator('.notification-request');
    await requests.first().waitFor(WAIT);
    assert.equal(await requests.count(), 2);
    const fromStranger = requests.filter({ hasText: '@rstranger' });
    const listed = (await call(server.url, '/api/v1/notifications/requests', { token: owner.token })).body as { account: { acct: string }; notifications_count: string }[];
    assert.deepEqual(
      listed.map((r) => [r.account.acct, r.notifications_count]),
      [
        ['rother', '1'],
        ['rstranger', '2'],
      ],
    );
    assert.equal(await fromStranger.locator('.request-count').textContent(), 'Notifications held: 2');
    await fromStranger.locator('article.status', { hasText: 'are you there?' }).waitFor(WAIT);
    await noSeriousViolations(page, 'filtered notifications');
    await screenshot(page, 'notification-requests');

    await page.getByRole('button', { name: 'Accept notifications from rstranger' }).click();
    await page.getByRole('status').filter({ hasText: 'Notifications from rstranger accepted.' }).waitFor(WAIT);
    await fromStranger.waitFor({ state: 'detached', ...WAIT });
    await page.getByRole('button', { name: 'Dismiss notifications from rother' }).click();
    await page.getByText('No filtered notifications.').waitFor(WAIT);
    assert.deepEqual((await call(server.url, '/api/v1/notifications/requests', { token: owner.token })).body, []);

    // The accepted ones join the notifications; the dismissed ones do not.
    await page.getByRole('link', { name: 'Back to notifications' }).click();
    await page.locator('.notification', { hasText: 'are you there?' }).waitFor(WAIT);
    assert.equal(await page.locator('.notification', { hasText: 'hello from a stranger' }).count(), 1);
    assert.equal(await page.locator('.notification', { hasText: 'newsletter' }).count(), 0);
    await page.getByRole('link', { name: 'Filtered notifications', exact: true }).waitFor(WAIT);
    await page.context().close();
  });

  it('follows a hashtag from its timeline and unfollows it from settings', async () => {
    const [reader, writer] = [await signUp(server.url, 'treader'), await signUp(server.url, 'twriter')];
    const page = await open(reader.token, '/web/tags/embassy', '#embassy');
    const follow = page.getByRole('button', { name: 'Follow #embassy' });
    await follow.waitFor(WAIT);
    assert.equal(await follow.getAttribute('aria-pressed'), 'false');
    await noSeriousViolations(page, 'a hashtag timeline');
    await follow.click();
    await page.locator('button[aria-pressed="true"]', { hasText: 'Follow #embassy' }).waitFor(WAIT);
    assert.deepEqual(
      (await call(server.url, '/api/v1/followed_tags', { token: reader.token })).body.map((t: { name: string }) => t.name),
      ['embassy'],
    );

    // Its posts now reach the reader's home, from someone the reader does not follow.
    const posted = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'Open day at the #embassy' } });
    await server.app.jobs.idle();
    await page.goto(`${server.url}/web/home`);
    await page.locator(`article.status[data-status-id="${posted.body.id}"]`).waitFor(WAIT);

    await page.goto(`${server.url}/web/settings`);
    const section = page.getByRole('region', { name: 'Followed hashtags' });
    await section.getByRole('link', { name: '#embassy' }).waitFor(WAIT);
    await noSeriousViolations(page, 'settings with followed hashtags');
    await screenshot(page, 'settings-followed-tags', '#settings-privacy');
    await section.getByRole('button', { name: 'Unfollow #embassy' }).click();
    await section.getByText('You follow no hashtags yet.').waitFor(WAIT);
    assert.deepEqual((await call(server.url, '/api/v1/followed_tags', { token: reader.token })).body, []);
    await page.goto(`${server.url}/web/tags/embassy`);
    await page.locator('button[aria-pressed="false"]', { hasText: 'Follow #embassy' }).waitFor(WAIT);
    await page.context().close();
  });

  it('switches the profile discoverable in settings, and keeps it', async () => {
    const user = await signUp(server.url, 'dswitch');
    const page = await open(user.token, '/web/settings', 'Settings');
    const toggle = page.getByRole('switch', { name: 'Suggest my profile to others and list it in the directory' });
    await toggle.waitFor(WAIT);
    assert.equal(await toggle.isChecked(), false);
    await toggle.press('Space');
    await page.getByRole('status').filter({ hasText: 'Your profile can now be suggested to others.' }).waitFor(WAIT);
    assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: user.token })).body.source.discoverable, true);
    await noSeriousViolations(page, 'settings');

    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor(WAIT);
    assert.equal(await toggle.isChecked(), true);
    await toggle.click();
    await page.getByRole('status').filter({ hasText: 'Your profile is no longer suggested to others.' }).waitFor(WAIT);
    assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: user.token })).body.source.discoverable, false);
    await page.context().close();
  });
});
