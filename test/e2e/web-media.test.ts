// Media in the web app, in a real browser: a picture chosen through the file picker shows its upload
// progress, is described and posted, appears in the timeline with its description as alt text and
// opens full size (Escape closes it); an edit changes the description; a file the server does not
// take is refused before any upload; a dropped file is attached and removed; sensitive media wait
// behind a button; a video shows "processing…" until the server is done, is posted without text and
// plays. axe-core checks the composer and the timeline with media.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Route } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { call, signUp } from '../helpers/http.ts';
import { mp4, png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { describeViolations, launch, seriousViolations, SKIP_BROWSER } from './browser.ts';

const WAIT = { timeout: 30_000 };

/**
 * Holds the first request matching `pattern` until `release` is called (later ones pass); `held`
 * resolves once it is waiting. The route stays: removed while its request waits, Playwright lets
 * that request go.
 */
function holdFirst(page: Page, pattern: string | RegExp) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken = false;
  const held = new Promise<void>((resolve) => {
    void page.route(pattern, async (route: Route) => {
      if (taken) return route.continue();
      taken = true;
      resolve();
      await released;
      await route.continue();
    });
  });
  return { held, release };
}

describe('media in the web app', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let token: string;

  before(async () => {
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    browser = await launch();
    token = (await signUp(server.url, 'dora')).token;
    // Signed in already, as after the OAuth flow: the token in the app's storage.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      storageState: { cookies: [], origins: [{ origin: server.url, localStorage: [{ name: 'parley.token', value: token }] }] },
    });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${server.url}/web/home`);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor(WAIT);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const composer = () => page.locator('.sidebar-compose');
  const picker = () => composer().locator('input[type=file]');
  const publish = () => composer().getByRole('button', { name: 'Publish' });

  async function noSeriousViolations(screen: string) {
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], `${screen}:\n${describeViolations(found)}`);
  }

  it('uploads a picture with its progress, describes it, posts it, and shows it full size', async () => {
    const upload = holdFirst(page, '**/api/v2/media');
    await picker().setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: await png(64, 48, false) });
    await upload.held;
    // While the file is on its way: a progress bar, and the post cannot be sent yet.
    const bar = composer().getByRole('progressbar', { name: 'Uploading square.png' });
    await bar.waitFor(WAIT);
    assert.match((await bar.getAttribute('aria-valuenow')) ?? '', /^\d+$/);
    assert.equal(await publish().isDisabled(), true);
    upload.release();
    await bar.waitFor({ state: 'detached', ...WAIT });

    await composer().getByText('No description').waitFor(WAIT);
    await composer().getByRole('textbox', { name: 'Description of square.png (alt text)' }).fill('A green rectangle');
    await composer()
      .getByText('No description')
      .waitFor({ state: 'detached', ...WAIT });
    await page.locator('#compose-text').fill('My first picture');
    await noSeriousViolations('composer with an attachment');
    await publish().click();

    const card = page.locator('article.status', { hasText: 'My first picture' });
    const picture = card.getByRole('img', { name: 'A green rectangle' });
    await picture.waitFor(WAIT);
    assert.equal(await picture.getAttribute('alt'), 'A green rectangle');
    assert.equal(await composer().locator('.attachment').count(), 0, 'the composer is empty again');
    await noSeriousViolations('timeline with a picture');

    await card.getByRole('button', { name: 'A green rectangle' }).click();
    const viewer = page.getByRole('dialog', { name: 'Picture 1 of 1' });
    await viewer.getByRole('img', { name: 'A green rectangle' }).waitFor(WAIT);
    assert.match((await viewer.getByRole('img').getAttribute('src')) ?? '', /\/media\//);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached', ...WAIT });
    // From the keyboard too.
    await card.getByRole('button', { name: 'A green rectangle' }).focus();
    await page.keyboard.press('Enter');
    await viewer.waitFor(WAIT);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached', ...WAIT });
  });

  it('edits the description of a posted picture', async () => {
    const card = page.locator('article.status', { hasText: 'My first picture' });
    await card.getByRole('button', { name: 'More' }).click();
    await card.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit post' });
    const alt = dialog.getByRole('textbox', { name: /^Description of .* \(alt text\)$/ });
    await alt.waitFor(WAIT);
    assert.equal(await alt.inputValue(), 'A green rectangle');
    await alt.fill('A small green rectangle');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await card.getByRole('img', { name: 'A small green rectangle' }).waitFor(WAIT);
    const statuses = await call(server.url, `/api/v1/accounts/${(await call(server.url, '/api/v1/accounts/lookup?acct=dora')).body.id}/statuses`, { token });
    const posted = statuses.body.find((s: { content: string }) => s.content.includes('My first picture'));
    assert.deepEqual(
      posted.media_attachments.map((m: { description: string }) => m.description),
      ['A small green rectangle'],
    );
  });

  it('refuses a file the server does not take, before uploading it', async () => {
    await picker().setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just words') });
    await composer().getByRole('alert').getByText('notes.txt cannot be attached').waitFor(WAIT);
    assert.equal(await composer().locator('.attachment').count(), 0);
  });

  it('takes a file dropped on the composer, and removes it', async () => {
    const bytes = (await png(50, 50, false)).toString('base64');
    // Made in the page: a drop carries a DataTransfer, which only the page can build.
    const dataTransfer = await page.evaluateHandle(
      `(() => { const dt = new DataTransfer(); dt.items.add(new File([Uint8Array.from(atob('${bytes}'), (c) => c.charCodeAt(0))], 'dropped.png', { type: 'image/png' })); return dt; })()`,
    );
    await composer().locator('form').dispatchEvent('dragover', { dataTransfer });
    await composer().locator('form').dispatchEvent('drop', { dataTransfer });
    const remove = composer().getByRole('button', { name: 'Remove dropped.png' });
    await remove.waitFor(WAIT);
    await composer()
      .getByRole('button', { name: /^Focal point of dropped\.png/, disabled: false })
      .waitFor(WAIT);
    await remove.click();
    await remove.waitFor({ state: 'detached', ...WAIT });
    assert.equal(await publish().isDisabled(), true, 'nothing left to send');
  });

  it('hides the media of a post marked sensitive behind a button', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(30, 30, false))], { type: 'image/png' }), 'secret.png');
    form.append('description', 'A hidden square');
    const media = await call(server.url, '/api/v2/media', { token, body: form });
    assert.equal(media.status, 200);
    await call(server.url, '/api/v1/statuses', { token, json: { status: 'Careful with this one', media_ids: [media.body.id], sensitive: true } });
    const card = page.locator('article.status', { hasText: 'Careful with this one' });
    await card.getByText('Sensitive media').waitFor(WAIT);
    assert.equal(await card.getByRole('img', { name: 'A hidden square' }).count(), 0);
    await card.getByRole('button', { name: 'Show media' }).click();
    await card.getByRole('img', { name: 'A hidden square' }).waitFor(WAIT);
  });

  it('uploads a video, shows it processing, posts it without text, and plays it', async () => {
    // The server answers 202 for a video; the app then asks until it is ready. The first question is
    // held until "processing…" has been seen.
    const poll = holdFirst(page, /\/api\/v1\/media\/\d+$/);
    await picker().setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: await mp4(2, '320x240') });
    await poll.held;
    await composer().getByText('Processing…').waitFor(WAIT);
    assert.equal(await publish().isDisabled(), true);
    poll.release();
    await composer()
      .getByText('Processing…')
      .waitFor({ state: 'detached', ...WAIT });
    await composer().getByRole('textbox', { name: 'Description of clip.mp4 (alt text)' }).fill('A test pattern');
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST');
    await publish().click();
    const status = (await (await posted).json()) as { id: string; content: string };
    assert.equal(status.content, '');

    const video = page.locator(`article.status[data-status-id="${status.id}"] video[controls]`);
    await video.waitFor(WAIT);
    assert.equal(await video.getAttribute('aria-label'), 'A test pattern');
    assert.ok(await video.getAttribute('poster'), 'the preview is the poster');
    // Functions run in the page: typed by what they touch, as this file is type-checked without the DOM.
    type Player = { muted: boolean; paused: boolean; currentTime: number; play(): Promise<void>; addEventListener(type: string, listener: () => void): void };
    await video.evaluate((v: Player) => {
      v.muted = true;
      return v.play();
    });
    assert.equal(await video.evaluate((v: Player) => v.paused), false);
    // Playing moves the clock on: the first timeupdate past zero.
    const at = await video.evaluate(
      (v: Player) => new Promise<number>((resolve) => (v.currentTime > 0 ? resolve(v.currentTime) : v.addEventListener('timeupdate', () => v.currentTime > 0 && resolve(v.currentTime)))),
    );
    assert.ok(at > 0);
  });
});
