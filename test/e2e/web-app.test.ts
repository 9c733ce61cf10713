// The web app in a real browser: two people in two browser contexts sign up, follow, post, see posts
// arrive live, reply, favourite, boost, edit, delete, get notified, sign out and in again through
// OAuth, and switch to French. axe-core checks the main screens, and screenshots of them are
// written to test-artifacts/screenshots (desktop and phone, light and dark).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel } from '../helpers/streaming.ts';
import { eventually } from '../helpers/wait.ts';
import { subscribed as subscribedTo } from './live.ts';
import { describeViolations, launch, SCREENSHOTS, seriousViolations, SKIP_BROWSER, type AxeViolation } from './browser.ts';

const PASSWORD = 'correct horse battery';
const WAIT = { timeout: 15_000 };

/**
 * Saves a screenshot. Chromium now and then answers "Unable to capture screenshot" on a loaded
 * machine, for a page that is ready: tried again, it succeeds.
 */
async function screenshot(page: Page, file: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.screenshot({ path: file });
      return;
    } catch (error) {
      if (attempt >= 3 || !/Unable to capture screenshot/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('web app in a browser', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let aliceContext: BrowserContext;
  let bobContext: BrowserContext;
  let alice: Page;
  let bob: Page;
  const violations: { screen: string; found: AxeViolation[] }[] = [];

  before(async () => {
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    browser = await launch();
    aliceContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    bobContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    alice = await aliceContext.newPage();
    bob = await bobContext.newPage();
    for (const page of [alice, bob]) page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const idOf = async (acct: string) => (await call(server.url, `/api/v1/accounts/lookup?acct=${acct}`)).body.id as string;

  const subscribed = (page: Page, stream: string, on: string) => subscribedTo(page, server.app.bus, stream, on);

  async function audit(page: Page, screen: string) {
    const found = await seriousViolations(page);
    if (found.length) violations.push({ screen, found });
  }

  async function signUpThroughForm(page: Page, username: string) {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email address').fill(`${username}@example.com`);
    await page.getByLabel('Password (8 characters or more)').fill(PASSWORD);
    await page.getByLabel("I agree to this server's rules and terms of service").check();
    await audit(page, 'sign up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/web/home', WAIT);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor(WAIT);
  }

  const post = (page: Page, text: string) => page.locator('article.status', { hasText: text });
  const storedToken = (page: Page) => page.evaluate(`localStorage.getItem('parley.token')`) as Promise<string | null>;
  async function tokenOf(page: Page): Promise<string> {
    const token = await storedToken(page);
    assert.ok(token, 'signed in');
    return token;
  }

  it('signs two people up through the form, and one follows the other', async () => {
    await alice.goto(`${server.url}/`);
    await audit(alice, 'welcome');
    await signUpThroughForm(alice, 'alice');
    await signUpThroughForm(bob, 'bob');

    await bob.goto(`${server.url}/web/@alice`);
    await bob.getByRole('heading', { name: 'alice', level: 2 }).waitFor(WAIT);
    await bob.getByRole('button', { name: 'Follow', exact: true }).click();
    await bob.getByRole('button', { name: 'Unfollow' }).waitFor(WAIT);
    await audit(bob, 'profile');
  });

  it("shows Alice's post on Bob's home timeline live, without a reload", async () => {
    await server.app.core.announcements.publish({ text: 'Welcome to Parley, https://example.com/' });
    const ready = subscribed(bob, 'user', channel.author(await idOf('alice')));
    await bob.goto(`${server.url}/web/home`);
    await ready;
    await bob.getByRole('region', { name: 'Announcements' }).getByText('Welcome to Parley').waitFor(WAIT);
    const box = alice.locator('#compose-text');
    await box.fill('Hello from Alice #parley');
    // The counter counts down from the server's limit as she types.
    await alice
      .locator('.sidebar-compose')
      .getByText('476 characters left')
      .waitFor({ state: 'attached', ...WAIT });
    await alice.locator('.sidebar-compose').getByRole('button', { name: 'Publish' }).click();
    await post(alice, 'Hello from Alice').waitFor(WAIT);
    await post(bob, 'Hello from Alice').waitFor(WAIT);
    await audit(bob, 'home');

    // Announcements arrive live at the top of home; dismissed, they stay gone for this reader.
    await server.app.core.announcements.publish({ text: 'Maintenance at noon' });
    const announcements = bob.getByRole('article', { name: 'Announcement' });
    await announcements.filter({ hasText: 'Maintenance at noon' }).waitFor(WAIT);
    for (const text of ['Maintenance at noon', 'Welcome to Parley']) {
      await announcements.filter({ hasText: text }).getByRole('button', { name: 'Dismiss' }).click();
      await announcements.filter({ hasText: text }).waitFor({ state: 'detached', ...WAIT });
    }
    const bobId = await idOf('bob');
    await eventually(async () => (await server.app.core.announcements.active(bobId)).every((a) => a.read), 10_000, 'both read');
  });

  it('replies, favourites and boosts, and Alice is notified live', async () => {
    const ready = subscribed(alice, 'user', channel.user(await idOf('alice')));
    await alice.goto(`${server.url}/web/notifications`);
    await ready;

    const card = post(bob, 'Hello from Alice');
    await card.getByRole('button', { name: 'Favourite' }).click();
    await card.getByRole('button', { name: 'Favourite', pressed: true }).waitFor(WAIT);
    await card.getByRole('button', { name: 'Boost' }).click();
    await card.getByRole('button', { name: 'Boost', pressed: true }).waitFor(WAIT);
    await card.getByRole('button', { name: 'Reply' }).first().click();
    const reply = card.getByRole('textbox', { name: 'Reply to alice' });
    assert.equal(await reply.inputValue(), '@alice ');
    await reply.pressSequentially('Nice to meet you');
    await card.locator('form').getByRole('button', { name: 'Reply' }).click();
    await bob.getByText('Nice to meet you').first().waitFor(WAIT);

    await alice.getByText('favourited your post').waitFor(WAIT);
    await alice.getByText('boosted your post').waitFor(WAIT);
    await alice.locator('.notifications').getByText('Nice to meet you').waitFor(WAIT);
    await audit(alice, 'notifications');

    // The thread shows the reply under the post.
    await alice
      .locator('.notifications')
      .getByRole('link', { name: /ago|now|sec|min/ })
      .last()
      .click();
    await alice.getByRole('heading', { name: 'Thread' }).waitFor(WAIT);
    await alice.getByText('Nice to meet you').waitFor(WAIT);
    await audit(alice, 'thread');
  });

  it('edits a post everywhere it is shown, with its history', async () => {
    const ready = subscribed(bob, 'user', channel.author(await idOf('alice')));
    await bob.goto(`${server.url}/web/home`);
    await ready;
    await post(bob, 'Hello from Alice').first().waitFor(WAIT);

    await alice.goto(`${server.url}/web/@alice`);
    const mine = post(alice, 'Hello from Alice');
    await mine.getByRole('button', { name: 'More' }).click();
    await mine.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = alice.getByRole('dialog', { name: 'Edit post' });
    const box = dialog.getByRole('textbox', { name: 'Edit post' });
    await box.waitFor(WAIT);
    await alice.waitForFunction(`document.querySelector('dialog textarea')?.value.includes('Hello')`);
    await box.fill('Hello from Alice, edited');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await post(alice, 'Hello from Alice, edited').waitFor(WAIT);

    // Bob's screen follows without a reload, and he can read what it said before.
    const edited = post(bob, 'Hello from Alice, edited').first();
    await edited.waitFor(WAIT);
    await edited.getByRole('button', { name: /^Edited/ }).click();
    const history = bob.getByRole('dialog', { name: 'Edit history' });
    await history.getByText('Original').waitFor(WAIT);
    await history.getByText('Edit 1').waitFor(WAIT);
    await history.getByText('Hello from Alice #parley').waitFor(WAIT);
    await audit(bob, 'edit history');
    await history.getByRole('button', { name: 'Close' }).click();
  });

  it('keeps the reading position: posts arriving below the top wait behind a button', async () => {
    const token = await tokenOf(alice);
    for (let i = 1; i <= 12; i++) await call(server.url, '/api/v1/statuses', { token, json: { status: `Filler post number ${i}\n\nwith a second paragraph to take some room` } });
    await post(bob, 'Filler post number 12').waitFor(WAIT);
    await bob.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await bob.waitForFunction('window.scrollY > 300');
    const before = await bob.evaluate('window.scrollY');
    await call(server.url, '/api/v1/statuses', { token, json: { status: 'Arrived while Bob was reading' } });
    await bob.getByRole('button', { name: '1 new post' }).waitFor(WAIT);
    assert.equal(await post(bob, 'Arrived while Bob was reading').count(), 0, 'not inserted above the reader');
    assert.equal(await bob.evaluate('window.scrollY'), before, 'the page did not move');
    await bob.getByRole('button', { name: '1 new post' }).click();
    await post(bob, 'Arrived while Bob was reading').waitFor(WAIT);
    assert.ok(((await bob.evaluate('window.scrollY')) as number) < 100);
  });

  it('deletes a post, and it leaves the follower’s screen', async () => {
    await bob.evaluate('window.scrollTo(0, 0)');
    await alice.goto(`${server.url}/web/@alice`);
    const mine = post(alice, 'Hello from Alice, edited');
    await mine.getByRole('button', { name: 'More' }).click();
    alice.once('dialog', (d) => void d.accept());
    await mine.getByRole('button', { name: 'Delete' }).click();
    await mine.waitFor({ state: 'detached', ...WAIT });
    await post(bob, 'Hello from Alice, edited')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
    const gone = await call(server.url, `/api/v1/accounts/lookup?acct=alice`);
    assert.equal(gone.body.statuses_count, 13);
  });

  it('searches people and hashtags, and opens a hashtag timeline', async () => {
    await call(server.url, '/api/v1/statuses', { token: await tokenOf(alice), json: { status: 'Tea time #Teatime' } });
    await bob.goto(`${server.url}/web/search?q=ali`);
    await bob.getByRole('heading', { name: 'People' }).waitFor(WAIT);
    await bob.locator('.account-list').getByText('@alice').waitFor(WAIT);
    await audit(bob, 'search');
    await bob.getByRole('searchbox', { name: 'Search' }).fill('#tea');
    await bob.getByRole('button', { name: 'Search', exact: true }).click();
    await bob.locator('.tag-list').getByRole('link', { name: '#Teatime' }).click();
    await bob.getByRole('heading', { name: '#Teatime', level: 1 }).waitFor(WAIT);
    await post(bob, 'Tea time').waitFor(WAIT);
  });

  it('makes a list of people Bob follows, and Alice’s posts reach it live', async () => {
    await bob.goto(`${server.url}/web/lists`);
    await bob.getByRole('heading', { name: 'Lists', level: 1 }).waitFor(WAIT);
    await bob.getByLabel('New list title').fill('Friends');
    await bob.getByRole('button', { name: 'Create list' }).click();
    await bob.getByRole('link', { name: 'Friends' }).click();
    await bob.getByRole('heading', { name: 'Friends', level: 1 }).waitFor(WAIT);
    await bob.getByText('Edit list').click();
    // Only people Bob follows are offered.
    await bob.getByLabel('Add people you follow').fill('ali');
    await bob.getByRole('button', { name: 'Add @alice' }).click();
    await bob.getByRole('button', { name: 'Remove @alice' }).waitFor(WAIT);
    await audit(bob, 'list');
    const lists = await call(server.url, '/api/v1/lists', { token: await tokenOf(bob) });
    const friends = lists.body.find((l: { title: string }) => l.title === 'Friends');
    assert.deepEqual(
      (await call(server.url, `/api/v1/lists/${friends.id}/accounts`, { token: await tokenOf(bob) })).body.map((a: { acct: string }) => a.acct),
      ['alice'],
    );

    const ready = subscribed(bob, 'list', channel.author(await idOf('alice')));
    await bob.goto(`${server.url}/web/lists/${friends.id}`);
    await ready;
    await call(server.url, '/api/v1/statuses', { token: await tokenOf(alice), json: { status: 'Only for the friends list' } });
    await post(bob, 'Only for the friends list').waitFor(WAIT);
  });

  it('moves between posts with j and k, and writes with n', async () => {
    await bob.goto(`${server.url}/web/home`);
    await post(bob, 'Filler post number 12').waitFor(WAIT);
    const focusedId = () => bob.evaluate(`document.activeElement?.dataset?.statusId ?? null`);
    await bob.keyboard.press('j');
    const first = await focusedId();
    assert.ok(first, 'a post has the focus');
    await bob.keyboard.press('j');
    const second = await focusedId();
    assert.ok(second && second !== first);
    await bob.keyboard.press('k');
    assert.equal(await focusedId(), first);
    await bob.keyboard.press('n');
    assert.equal(await bob.evaluate('document.activeElement?.id'), 'compose-text');
  });

  it('brings a kept timeline up to date when the reader comes back to it', async () => {
    await bob.evaluate('window.scrollTo(0, 0)');
    await bob.locator('.sidebar').getByRole('link', { name: 'Notifications' }).click();
    await bob.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor(WAIT);
    await call(server.url, '/api/v1/statuses', { token: await tokenOf(alice), json: { status: 'Posted while Bob was elsewhere' } });
    await bob.locator('.sidebar').getByRole('link', { name: 'Home' }).click();
    await post(bob, 'Posted while Bob was elsewhere').waitFor(WAIT);
  });

  it('counts unread notifications across reloads, and reading them clears the count', async () => {
    const bobId = (await call(server.url, '/api/v1/accounts/lookup?acct=bob')).body.id as string;
    await call(server.url, `/api/v1/accounts/${bobId}/follow`, { token: await tokenOf(alice), method: 'POST' });
    await bob.goto(`${server.url}/web/home`);
    await bob.locator('.sidebar .badge').getByText('1 new').waitFor(WAIT);
    await bob
      .locator('.sidebar')
      .getByRole('link', { name: /Notifications/ })
      .click();
    await bob.getByText('followed you').waitFor(WAIT);
    const bobToken = await tokenOf(bob);
    for (let i = 0; i < 50 && (await call(server.url, '/api/v1/notifications/unread_count', { token: bobToken })).body.count !== 0; i++) await bob.waitForTimeout(100);
    assert.equal((await call(server.url, '/api/v1/notifications/unread_count', { token: bobToken })).body.count, 0);
    await bob.reload();
    await bob.getByText('followed you').waitFor(WAIT);
    assert.equal(await bob.locator('.sidebar .badge').count(), 0);
  });

  it('asks a locked account to follow, which accepts from its notifications', async () => {
    const carol = await signUp(server.url, 'carol');
    await call(server.url, '/api/v1/accounts/update_credentials', { token: carol.token, method: 'PATCH', json: { locked: true } });
    // Carol is signed in already, as after the OAuth flow: her token in the app's storage.
    const carolContext = await browser.newContext({ storageState: { cookies: [], origins: [{ origin: server.url, localStorage: [{ name: 'parley.token', value: carol.token }] }] } });
    const carolPage = await carolContext.newPage();
    await carolPage.goto(`${server.url}/web/notifications`);
    await carolPage.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor(WAIT);

    await bob.goto(`${server.url}/web/@carol`);
    await bob.getByText('Approves followers').waitFor(WAIT);
    await bob.getByRole('button', { name: 'Ask to follow' }).click();
    await bob.getByRole('button', { name: 'Cancel follow request' }).waitFor(WAIT);

    await carolPage.getByText('asked to follow you').waitFor(WAIT);
    await carolPage.getByRole('button', { name: 'Accept' }).click();
    await carolPage.getByText('Accepted.').waitFor(WAIT);
    await bob.reload();
    await bob.getByRole('button', { name: 'Unfollow' }).waitFor(WAIT);
    await carolContext.close();
  });

  it('shows sign-up problems next to the field they concern', async () => {
    const visitor = await browser.newContext();
    const page = await visitor.newPage();
    await page.goto(`${server.url}/web/sign-up`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Email address').fill('another@example.com');
    await page.getByLabel('Password (8 characters or more)').fill(PASSWORD);
    await page.getByLabel("I agree to this server's rules and terms of service").check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('#username-problem').getByText('has already been taken').waitFor(WAIT);
    assert.equal(await page.getByLabel('Username').getAttribute('aria-invalid'), 'true');
    await visitor.close();
  });

  it('signs out, and in again through the OAuth pages (authorization code with PKCE)', async () => {
    await alice.goto(`${server.url}/web/home`);
    await alice.getByRole('button', { name: 'Sign out' }).click();
    await alice.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
    assert.equal(await storedToken(alice), null);
    await alice.getByRole('button', { name: 'Sign in' }).click();
    await alice.waitForURL('**/auth/sign_in**', WAIT);
    await alice.getByLabel('E-mail address or username').fill('alice');
    await alice.getByLabel('Password').fill(PASSWORD);
    await alice.getByRole('button', { name: 'Sign in' }).click();
    await alice.getByRole('button', { name: 'Authorise' }).click();
    await alice.waitForURL('**/web/home', WAIT);
    await alice.getByRole('heading', { name: 'Home', level: 1 }).waitFor(WAIT);
    assert.ok(await storedToken(alice));
  });

  it('saves the profile, then switches the interface to French', async () => {
    await alice.goto(`${server.url}/web/settings`);
    await alice.getByLabel('Display name').fill('Alice Liddell');
    await alice.getByLabel('Bio').fill('Curiouser and curiouser.');
    await alice.getByRole('textbox', { name: 'Label 1' }).fill('Home');
    await alice.getByRole('textbox', { name: 'Content 1' }).fill('Wonderland');
    await alice.getByRole('button', { name: 'Save profile' }).click();
    await alice.getByText('Profile saved.').waitFor(WAIT);
    await alice.getByLabel('Current password').fill('not my password');
    await alice.getByLabel('New password (8 characters or more)').fill('a brand new passphrase');
    await alice.getByRole('button', { name: 'Change password' }).click();
    await alice.getByText(/Current password is invalid/).waitFor(WAIT);
    await alice.getByLabel('Current password').fill(PASSWORD);
    await alice.getByRole('button', { name: 'Change password' }).click();
    await alice.getByText('Password changed. Your other sessions were signed out.').waitFor(WAIT);
    await audit(alice, 'settings');

    await alice.getByLabel('Language', { exact: true }).selectOption('fr');
    await alice.getByRole('heading', { name: 'Paramètres', level: 1 }).waitFor(WAIT);
    assert.equal(await alice.evaluate('document.documentElement.lang'), 'fr');
    await alice.getByRole('link', { name: 'Accueil' }).first().click();
    await alice.getByRole('heading', { name: 'Accueil', level: 1 }).waitFor(WAIT);
    await alice.getByRole('button', { name: 'Publier' }).waitFor(WAIT);
    // The choice is kept across visits.
    await alice.reload();
    await alice.getByRole('heading', { name: 'Accueil', level: 1 }).waitFor(WAIT);
    await audit(alice, 'home (French)');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await screenshot(alice, path.join(SCREENSHOTS, 'home-desktop-light-fr.png'));
  });

  it('writes screenshots of the main screens, desktop and phone, light and dark', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const bobId = (await call(server.url, '/api/v1/accounts/lookup?acct=bob')).body.id as string;
    const bobPosts = await call(server.url, `/api/v1/accounts/${bobId}/statuses`);
    const reply = bobPosts.body.find((s: { content: string }) => s.content.includes('Nice to meet you'));
    // Something for Bob's notifications screen to show.
    const token = await tokenOf(alice);
    await call(server.url, `/api/v1/accounts/${bobId}/follow`, { token, method: 'POST' });
    await call(server.url, `/api/v1/statuses/${reply.id}/favourite`, { token, method: 'POST' });
    await call(server.url, '/api/v1/statuses', { token, json: { status: '@bob Welcome! Here is a #parley post with a link: https://example.com/a/long/path', in_reply_to_id: reply.id } });
    const screens: [string, string][] = [
      ['home', '/web/home'],
      ['notifications', '/web/notifications'],
      ['profile', '/web/@alice'],
      ['thread', `/web/@bob/${reply.id}`],
      ['search', '/web/search?q=a'],
      ['settings', '/web/settings'],
      ['compose', '/web/compose'],
    ];
    const visitor = await browser.newContext();
    const welcome = await visitor.newPage();
    // Signed out, an app address of a profile leads to its public page.
    await welcome.goto(`${server.url}/web/@alice`);
    await welcome.waitForURL(`${server.url}/@alice`, WAIT);
    await welcome.getByRole('link', { name: 'Open in the app' }).waitFor(WAIT);
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        await bob.setViewportSize(viewport);
        await bob.emulateMedia({ colorScheme: scheme });
        for (const [name, where] of screens) {
          await bob.goto(`${server.url}${where}`);
          await bob.locator('main h1').filter({ hasText: /\S/ }).waitFor(WAIT);
          await bob.waitForLoadState('networkidle');
          if (scheme === 'dark' && device === 'desktop') await audit(bob, `${name} (dark)`);
          if (device === 'phone' && scheme === 'light') await audit(bob, `${name} (phone)`);
          await screenshot(bob, path.join(SCREENSHOTS, `${name}-${device}-${scheme}.png`));
        }
        await welcome.setViewportSize(viewport);
        await welcome.emulateMedia({ colorScheme: scheme });
        await welcome.goto(`${server.url}/`);
        await welcome.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
        await screenshot(welcome, path.join(SCREENSHOTS, `welcome-${device}-${scheme}.png`));
        await welcome.goto(`${server.url}/@alice`);
        await screenshot(welcome, path.join(SCREENSHOTS, `public-profile-${device}-${scheme}.png`));
      }
    }
    await visitor.close();
    assert.ok(fs.readdirSync(SCREENSHOTS).length >= 32);
  });

  it('axe-core finds no serious or critical problem on the main screens', () => {
    assert.deepEqual(
      violations.map((v) => v.screen),
      [],
      violations.map((v) => `${v.screen}:\n${describeViolations(v.found)}`).join('\n\n'),
    );
  });
});
