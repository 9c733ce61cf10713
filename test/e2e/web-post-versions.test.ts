// A post in several languages in the web app, in a real browser: Alice writes one with an English
// and a Thai version (a tab each, each with its own counter, counted as the server counts) and
// publishes it as `translations`; Bob, who follows her, switches the post between its languages
// from the keyboard, each version shown in place with its `lang` and `dir` (right to left for
// Arabic); Alice's edit keeps, adds and removes versions, and the edit history shows each edit's
// versions with their `lang` and `dir`. axe-core checks the composer's tabs and
// the post's switch. A private post's versions stay with those who may read it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { weightedLength } from '../../web/src/ui/count.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { describeViolations, launch, seriousViolations, SKIP_BROWSER } from './browser.ts';

const WAIT = { timeout: 30_000 };
const EN = 'Welcome to the embassy open day';
const TH = 'ยินดีต้อนรับสู่วันเปิดบ้านของสถานทูต';
const AR = 'مرحبا بكم في يوم الأبواب المفتوحة';

/** Whether the element has the focus (the file is type-checked without the DOM's types). */
const hasFocus = (locator: Locator) => locator.evaluate((el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement);

interface Sent {
  id: string;
  parley_languages: string[];
}

describe('posts in several languages in the web app', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  const tokens = { alice: '', bob: '', carol: '' };
  let postId = '';

  async function open(token: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      storageState: { cookies: [], origins: [{ origin: server.url, localStorage: [{ name: 'parley.token', value: token }] }] },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${server.url}/web/home`);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor(WAIT);
    return page;
  }

  before(async () => {
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    browser = await launch();
    for (const name of ['alice', 'bob', 'carol'] as const) tokens[name] = (await signUp(server.url, name)).token;
    const aliceId = (await call(server.url, '/api/v1/accounts/lookup?acct=alice')).body.id as string;
    assert.equal((await call(server.url, `/api/v1/accounts/${aliceId}/follow`, { method: 'POST', token: tokens.bob })).status, 200);
    alice = await open(tokens.alice);
    bob = await open(tokens.bob);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function noSeriousViolations(page: Page, screen: string) {
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], `${screen}:\n${describeViolations(found)}`);
  }

  const cardOf = (page: Page, id: string): Locator => page.locator(`article.status[data-status-id="${id}"]`);
  const counter = (form: Locator) => form.locator('.counter [aria-hidden="true"]');

  /** Home read again, once the post has reached it. */
  async function reloadHome(page: Page, id: string) {
    await server.app.jobs.idle();
    await page.goto(`${server.url}/web/home`);
    await cardOf(page, id).waitFor(WAIT);
  }

  it('writes a post with an English and a Thai version, each with its own counter', async () => {
    const form = alice.locator('.sidebar-compose form');
    await form.getByRole('combobox', { name: 'Language of the post' }).selectOption('en');
    await form.getByRole('textbox', { name: 'New post' }).fill(EN);
    assert.equal(await counter(form).textContent(), String(500 - weightedLength(EN, '')));

    await form.getByRole('combobox', { name: 'Add a language' }).selectOption('th');
    const thaiText = form.getByRole('textbox', { name: 'The post in Thai' });
    await thaiText.waitFor(WAIT);
    assert.equal(await hasFocus(thaiText), true, 'the new version has the focus');
    await thaiText.fill(TH);
    assert.equal(await thaiText.getAttribute('lang'), 'th');
    // Thai's combining vowels and tone marks count with their letter, as the server counts.
    assert.equal(await counter(form).textContent(), String(500 - weightedLength(TH, '')));
    assert.equal(await form.getByRole('tab', { name: /English/ }).getAttribute('aria-selected'), 'false');
    assert.equal(await form.getByRole('tab', { name: /Thai/ }).getAttribute('aria-selected'), 'true');
    // The primary's language cannot be one of the versions'.
    assert.deepEqual(await form.getByRole('combobox', { name: 'Language of the post' }).locator('option[value="th"]').count(), 0);
    await noSeriousViolations(alice, 'the composer with a Thai version');

    // A version past the limit says so on its tab, and the post waits.
    await thaiText.fill('ก'.repeat(501));
    await form.getByRole('tab', { name: /English/ }).click();
    assert.match((await form.getByRole('tab', { name: /Thai/ }).textContent()) ?? '', /Thai\s*-1/);
    assert.equal(await form.getByRole('button', { name: 'Publish' }).isDisabled(), true);
    await form.getByRole('tab', { name: /Thai/ }).click();
    await thaiText.fill(TH);
    assert.equal(await form.getByRole('button', { name: 'Publish' }).isDisabled(), false);

    await form.getByRole('tab', { name: /English/ }).click();
    assert.equal(await form.getByRole('textbox', { name: 'New post' }).inputValue(), EN);
    const request = alice.waitForRequest((r) => r.url().endsWith('/api/v1/statuses') && r.method() === 'POST');
    const response = alice.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Publish' }).click();
    const body = (await request).postDataJSON() as { status: string; language: string; translations: Record<string, { status: string }> };
    assert.equal(body.status, EN);
    assert.equal(body.language, 'en');
    assert.deepEqual(Object.keys(body.translations), ['th']);
    assert.equal(body.translations.th!.status, TH);
    const sent = (await (await response).json()) as Sent;
    assert.deepEqual(sent.parley_languages, ['en', 'th']);
    postId = sent.id;
    // Ready for the next post: one language again.
    await form
      .getByRole('tab')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
  });

  it('switches a post between its languages from the keyboard, each in place with its lang and dir', async () => {
    assert.equal((await call(server.url, `/api/parley/v1/statuses/${postId}/translations/ar`, { method: 'PUT', token: tokens.alice, json: { status: AR } })).status, 200);
    await reloadHome(bob, postId);
    const card = cardOf(bob, postId);
    const languages = card.getByRole('group', { name: 'Read this post in' });
    const content = card.locator('.status-content');
    assert.deepEqual(await languages.getByRole('button').allTextContents(), ['English', 'Arabic', 'Thai']);
    assert.equal(await languages.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
    assert.match((await content.textContent()) ?? '', /embassy open day/);
    await noSeriousViolations(bob, 'a post with a language switch');

    const thai = languages.getByRole('button', { name: 'Thai' });
    await thai.focus();
    await bob.keyboard.press('Enter');
    await content.getByText(TH).waitFor(WAIT);
    assert.equal(await thai.getAttribute('aria-pressed'), 'true');
    assert.equal(await content.getAttribute('lang'), 'th');
    assert.equal(await content.getAttribute('dir'), 'ltr');
    assert.equal(await hasFocus(thai), true, 'the focus stays on the switch');

    await bob.keyboard.press('Shift+Tab');
    await bob.keyboard.press('Space');
    await content.getByText(AR).waitFor(WAIT);
    assert.equal(await content.getAttribute('lang'), 'ar');
    assert.equal(await content.getAttribute('dir'), 'rtl');
    assert.equal(await languages.getByRole('button', { name: 'Arabic' }).getAttribute('aria-pressed'), 'true');
  });

  it('keeps, adds and removes versions in an edit', async () => {
    await reloadHome(alice, postId);
    const card = cardOf(alice, postId);
    await card.getByRole('button', { name: 'More' }).click();
    await card.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = alice.getByRole('dialog', { name: 'Edit post' });
    const tabs = dialog.getByRole('tab');
    await dialog.getByRole('tab', { name: 'Thai' }).waitFor(WAIT);
    assert.deepEqual(await tabs.allTextContents(), ['English · main language', 'Arabic', 'Thai']);

    // Arrow keys move along the tabs.
    await dialog.getByRole('tab', { name: /English/ }).focus();
    await alice.keyboard.press('ArrowRight');
    assert.equal(await dialog.getByRole('tab', { name: 'Arabic' }).getAttribute('aria-selected'), 'true');
    assert.equal(await dialog.getByRole('textbox', { name: 'The post in Arabic' }).inputValue(), AR);
    assert.equal(await dialog.getByRole('textbox', { name: 'The post in Arabic' }).getAttribute('dir'), 'rtl');

    await dialog.getByRole('tab', { name: 'Thai' }).click();
    await dialog.getByRole('button', { name: 'Remove the Thai version' }).click();
    await dialog.getByRole('combobox', { name: 'Add a language' }).selectOption('fr');
    await dialog.getByRole('textbox', { name: 'The post in French' }).fill('Bienvenue à la journée portes ouvertes');
    await dialog.getByRole('tab', { name: 'Arabic' }).click();
    await dialog.getByRole('textbox', { name: 'The post in Arabic' }).fill(`${AR}!`);
    await noSeriousViolations(alice, 'the edit dialog with versions');

    const request = alice.waitForRequest((r) => r.url().endsWith(`/api/v1/statuses/${postId}`) && r.method() === 'PUT');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const body = (await request).postDataJSON() as { translations: Record<string, { status: string }> };
    assert.deepEqual(Object.keys(body.translations).sort(), ['ar', 'fr']);
    await dialog.waitFor({ state: 'detached', ...WAIT });
    const now = (await call(server.url, `/api/v1/statuses/${postId}?lang=ar`, { token: tokens.bob })).body;
    assert.deepEqual(now.parley_languages, ['en', 'ar', 'fr']);
    assert.equal(now.content, `<p>${AR}!</p>`);
  });

  it("shows each edit's versions in the edit history, each with its lang and dir", async () => {
    await reloadHome(bob, postId);
    const card = cardOf(bob, postId);
    await card.getByRole('button', { name: /^Edited/ }).click();
    const dialog = bob.getByRole('dialog', { name: 'Edit history' });
    const items = dialog.locator('.history-item');
    await items.nth(2).waitFor(WAIT);
    const versions = (item: Locator) => item.getByRole('list', { name: 'Other languages' }).locator('.history-version');
    // The original had Thai; the first edit added Arabic; the second dropped Thai and added French.
    const languagesAt = async (n: number) => {
      const contents = await versions(items.nth(n)).locator('.status-content').all();
      return Promise.all(contents.map(async (c) => [await c.getAttribute('lang'), await c.getAttribute('dir')]));
    };
    assert.deepEqual(await languagesAt(0), [['th', 'ltr']]);
    assert.deepEqual(await languagesAt(1), [
      ['ar', 'rtl'],
      ['th', 'ltr'],
    ]);
    assert.deepEqual(await languagesAt(2), [
      ['ar', 'rtl'],
      ['fr', 'ltr'],
    ]);
    assert.deepEqual(await versions(items.nth(1)).locator('p.muted').allTextContents(), ['Arabic', 'Thai']);
    assert.equal(await versions(items.nth(2)).locator('.status-content').first().textContent(), `${AR}!`);
    assert.equal(await versions(items.nth(0)).locator('.status-content').textContent(), TH);
    // The primary is marked with its language too.
    const primary = items.nth(2).locator(':scope > .status-content');
    assert.deepEqual([await primary.getAttribute('lang'), await primary.getAttribute('dir')], ['en', 'ltr']);
    assert.match((await items.nth(2).locator(':scope > p.muted').textContent()) ?? '', /English/);
    await noSeriousViolations(bob, 'the edit history with versions');
    await dialog.getByRole('button', { name: /Close/ }).click();
  });

  it('makes a version the primary, and removes the last one in an edit', async () => {
    const form = alice.locator('.sidebar-compose form');
    await form.getByRole('textbox', { name: 'New post' }).fill('Good morning');
    await form.getByRole('combobox', { name: 'Add a language' }).selectOption('th');
    await form.getByRole('textbox', { name: 'The post in Thai' }).fill('สวัสดีตอนเช้า');
    await form.getByRole('button', { name: 'Make Thai the main language' }).click();
    assert.equal(await form.getByRole('textbox', { name: 'New post' }).inputValue(), 'สวัสดีตอนเช้า');
    assert.equal(await form.getByRole('combobox', { name: 'Language of the post' }).inputValue(), 'th');
    const response = alice.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Publish' }).click();
    const sent = (await (await response).json()) as Sent;
    assert.deepEqual(sent.parley_languages, ['th', 'en']);

    await reloadHome(alice, sent.id);
    const card = cardOf(alice, sent.id);
    await card.getByRole('button', { name: 'More' }).click();
    await card.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = alice.getByRole('dialog', { name: 'Edit post' });
    await dialog.getByRole('tab', { name: 'English' }).click();
    await dialog.getByRole('button', { name: 'Remove the English version' }).click();
    await dialog
      .getByRole('tab')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    assert.deepEqual((await call(server.url, `/api/v1/statuses/${sent.id}`, { token: tokens.alice })).body.parley_languages, []);
  });

  it('switches the version of a post shown in the notifications', async () => {
    const made = await call(server.url, '/api/v1/statuses', {
      token: tokens.alice,
      json: { status: '@bob see you at the open day', language: 'en', translations: { th: { status: '@bob แล้วพบกันวันเปิดบ้าน' } } },
    });
    assert.equal(made.status, 200);
    await server.app.jobs.idle();
    await bob.goto(`${server.url}/web/notifications`);
    const card = cardOf(bob, made.body.id);
    await card.getByRole('group', { name: 'Read this post in' }).getByRole('button', { name: 'Thai' }).click();
    await card.locator('.status-content[lang="th"]', { hasText: 'แล้วพบกัน' }).waitFor(WAIT);
  });

  it("keeps a private post's versions from those who may not read it", async () => {
    const made = await call(server.url, '/api/v1/statuses', {
      token: tokens.alice,
      json: { status: 'Followers only', language: 'en', visibility: 'private', translations: { th: { status: 'เฉพาะผู้ติดตาม' } } },
    });
    assert.equal(made.status, 200);
    assert.equal((await call(server.url, `/api/v1/statuses/${made.body.id}?lang=th`, { token: tokens.carol })).status, 404);
    assert.equal((await call(server.url, `/api/v1/statuses/${made.body.id}?lang=th`)).status, 404);
    assert.equal((await call(server.url, `/api/v1/statuses/${made.body.id}?lang=th`, { token: tokens.bob })).body.language, 'th');
  });
});
