// The short-video feed in a real browser (/web/videos): videos from a followed account (a
// followers-only post, so only the home timeline has it) and from a stranger (only the public
// timeline has it) are merged newest first, a boost shows once as its original, posts without video
// stay out; the current video plays muted and loops, the next one loads in full, ArrowDown moves on
// (the next plays, the previous pauses), Space and m pause and unmute; a swipe on a phone moves on;
// with less motion asked for nothing plays before the play button. axe-core checks the feed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { call, signUp } from '../helpers/http.ts';
import { mp4, png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';
import { describeViolations, launch, seriousViolations, SKIP_BROWSER } from './browser.ts';

const WAIT = { timeout: 30_000 };

// Functions run in the page: typed by what they touch, as this file is type-checked without the DOM.
type Player = { muted: boolean; paused: boolean; currentTime: number; preload: string };

describe('short-video feed in the web app', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let vera: string;
  /** the feed's expected order, newest first */
  const expected: { id: string; text: string; alt: string }[] = [];

  const newContext = (options: Parameters<Browser['newContext']>[0] = {}) =>
    browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      storageState: { cookies: [], origins: [{ origin: server.url, localStorage: [{ name: 'parley.token', value: vera }] }] },
      ...options,
    });

  async function openFeed(on: Page): Promise<void> {
    on.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await on.goto(`${server.url}/web/videos`);
    await on.getByRole('heading', { name: 'Videos', level: 1 }).waitFor(WAIT);
  }

  before(async () => {
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    browser = await launch();
    vera = (await signUp(server.url, 'vera')).token;
    context = await newContext();
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const items = (on: Page = page) => on.locator('[role=feed] article');
  const item = (id: string, on: Page = page) => on.locator(`[role=feed] article[data-status-id="${id}"]`);
  const videoOf = (id: string, on: Page = page) => item(id, on).locator('video');
  const activeId = (on: Page = page) => on.locator('[role=feed] article[data-active]').getAttribute('data-status-id', WAIT);

  /** Uploads `bytes`, waits until the server has processed them, and posts them with `text`. */
  async function post(token: string, text: string, file: { bytes: Buffer; type: string; alt: string } | null, visibility = 'public') {
    const mediaIds: string[] = [];
    if (file) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.type === 'video/mp4' ? 'clip.mp4' : 'picture.png');
      form.append('description', file.alt);
      const media = await call(server.url, '/api/v2/media', { token, body: form });
      assert.ok([200, 202].includes(media.status), JSON.stringify(media.body));
      await eventually(async () => (await call(server.url, `/api/v1/media/${media.body.id}`, { token })).status === 200, 60_000, 'the upload processed');
      mediaIds.push(media.body.id);
    }
    const status = await call(server.url, '/api/v1/statuses', { token, json: { status: text, media_ids: mediaIds, visibility } });
    assert.equal(status.status, 200, JSON.stringify(status.body));
    return status.body as { id: string };
  }

  /** Waits until the video plays: not paused, and its clock moving on. */
  async function plays(video: Locator): Promise<void> {
    const start = await eventually(async () => video.evaluate((v: Player) => !v.paused && v.currentTime > 0 && v.currentTime), 20_000, 'the video to play');
    await eventually(async () => video.evaluate((v: Player, at: number) => !v.paused && v.currentTime !== at, start), 20_000, 'the video clock to move on');
  }

  async function noSeriousViolations(screen: string, on: Page = page) {
    const found = await seriousViolations(on);
    assert.deepEqual(found, [], `${screen}:\n${describeViolations(found)}`);
  }

  it('says so while there are no videos', async () => {
    await openFeed(page);
    await page.getByText('No videos yet').waitFor(WAIT);
    await noSeriousViolations('empty video feed');
  });

  it('merges the videos of followed people and of the public timeline, newest first, each once', async () => {
    const fred = await signUp(server.url, 'fred');
    const pia = await signUp(server.url, 'pia');
    const fredId = (await call(server.url, '/api/v1/accounts/lookup?acct=fred')).body.id as string;
    assert.equal((await call(server.url, `/api/v1/accounts/${fredId}/follow`, { token: vera, method: 'POST' })).status, 200);

    const [clipA, clipB, clipC] = await Promise.all([mp4(3, '360x640'), mp4(3, '360x640'), mp4(3, '360x640')]);
    const piaFirst = await post(pia.token, 'Pia dancing', { bytes: clipA, type: 'video/mp4', alt: 'Pia dances in a kitchen' });
    await post(fred.token, 'Just words from Fred', null);
    await post(pia.token, 'A picture, not a video', { bytes: await png(64, 64, false), type: 'image/png', alt: 'A green square' });
    // Followers only: the home timeline has it, the public one does not.
    const fredClip = await post(fred.token, 'Fred on his bike', { bytes: clipB, type: 'video/mp4', alt: 'Fred rides a bike' }, 'private');
    // A home page (20 posts) of words after it: the app reads the next page (max_id) to find the clip.
    for (let n = 1; n <= 20; n++) await post(fred.token, `Fred's note ${n}`, null, 'private');
    assert.equal((await call(server.url, `/api/v1/statuses/${piaFirst.id}/reblog`, { token: fred.token, method: 'POST' })).status, 200);
    const piaSecond = await post(pia.token, 'Pia at the sea', { bytes: clipC, type: 'video/mp4', alt: 'Waves on a beach' });
    await eventually(async () => (await call(server.url, '/api/v1/timelines/home?limit=40', { token: vera })).body.length >= 23, 20_000, 'the home fan-out');
    // Vera's home: the boost (newer than Fred's clip), his notes, his clip, his words; public: Pia's posts.
    expected.push({ id: piaSecond.id, text: 'Pia at the sea', alt: 'Waves on a beach' });
    expected.push({ id: piaFirst.id, text: 'Pia dancing', alt: 'Pia dances in a kitchen' });
    expected.push({ id: fredClip.id, text: 'Fred on his bike', alt: 'Fred rides a bike' });

    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname + new URL(request.url()).search));
    await page.reload();
    await items().nth(2).waitFor(WAIT);
    assert.ok(
      asked.some((path) => /^\/api\/v1\/timelines\/home\?max_id=\d+$/.test(path)),
      asked.join(' '),
    );
    assert.ok(asked.includes('/api/v1/timelines/public?only_media=true'), asked.join(' '));
    assert.deepEqual(
      await items().evaluateAll((all) => all.map((a) => (a as unknown as { dataset: { statusId: string } }).dataset.statusId)),
      expected.map((e) => e.id),
    );
    for (const e of expected) assert.equal(await videoOf(e.id).getAttribute('aria-label'), e.alt);
    await item(piaFirst.id).getByText('fred boosted').waitFor(WAIT);
    await item(fredClip.id).getByText('Fred on his bike').waitFor(WAIT);
    assert.equal(await page.getByText('Just words from Fred').count(), 0, 'a post without video stays out');
    assert.equal(await page.getByText("Fred's note 1", { exact: true }).count(), 0);
    assert.equal(await page.getByText('A picture, not a video').count(), 0, 'a picture is no video');
    assert.equal(page.url(), `${server.url}/web/videos`);
  });

  it('plays the first video muted and looping, and loads the next one in full', async () => {
    const [first, second, third] = expected.map((e) => e.id) as [string, string, string];
    // The feed opens at its first video, also when its loading line was snapped to on a slow machine.
    await eventually(async () => (await activeId()) === first, 10_000, 'the feed to open at the first video');
    await plays(videoOf(first));
    assert.equal(await videoOf(first).evaluate((v: Player) => v.muted), true);
    assert.equal(await videoOf(first).getAttribute('loop'), '');
    assert.ok(await videoOf(first).getAttribute('poster'), 'the preview is the poster');
    assert.equal(await videoOf(second).getAttribute('preload'), 'auto');
    assert.equal(await videoOf(third).getAttribute('preload'), 'metadata');
    assert.equal(await videoOf(second).evaluate((v: Player) => v.paused), true);
    await item(first).getByRole('button', { name: 'Favourite' }).waitFor(WAIT);
    await noSeriousViolations('video feed');
  });

  it('moves on with ArrowDown: the next plays, the previous pauses; Space pauses, m turns the sound on', async () => {
    const [first, second, third] = expected.map((e) => e.id) as [string, string, string];
    await page.keyboard.press('ArrowDown');
    await eventually(async () => (await activeId()) === second, 20_000, 'the second video to be current');
    await plays(videoOf(second));
    await eventually(async () => videoOf(first).evaluate((v: Player) => v.paused), 20_000, 'the first video to pause');
    assert.equal(await videoOf(third).getAttribute('preload'), 'auto');
    assert.equal(page.url(), `${server.url}/web/videos`, 'the address keeps no place');

    await page.keyboard.press(' ');
    await eventually(async () => videoOf(second).evaluate((v: Player) => v.paused), 20_000, 'Space to pause');
    await item(second).getByRole('button', { name: 'Play' }).waitFor(WAIT);
    await page.keyboard.press(' ');
    await plays(videoOf(second));
    await page.keyboard.press('m');
    await eventually(async () => !(await videoOf(second).evaluate((v: Player) => v.muted)), 20_000, 'm to turn the sound on');
    await item(second).getByRole('button', { name: 'Mute' }).waitFor(WAIT);

    // The sound stays on for the session: the previous video, back with k, plays with it.
    await page.keyboard.press('k');
    await eventually(async () => (await activeId()) === first, 20_000, 'the first video to be current again');
    await plays(videoOf(first));
    assert.equal(await videoOf(first).evaluate((v: Player) => v.muted), false);
    await page.keyboard.press('m');
  });

  it('moves on with a swipe up on a phone', async () => {
    const phone = await newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const on = await phone.newPage();
    await openFeed(on);
    const [first, second] = expected.map((e) => e.id) as [string, string];
    await items(on).nth(2).waitFor(WAIT);
    await eventually(async () => (await activeId(on)) === first, 10_000, 'the feed to open at the first video');
    const box = await on.locator('.video-feed').boundingBox();
    assert.ok(box);
    // A finger drawn up the screen, as touch events through the DevTools protocol (Playwright's touchscreen only taps).
    const cdp = await phone.newCDPSession(on);
    const x = Math.round(box.x + box.width / 2);
    const at = (share: number) => [{ x, y: Math.round(box.y + box.height * share) }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.8) });
    for (let step = 1; step <= 10; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.8 - 0.06 * step) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await eventually(async () => (await activeId(on)) === second, 20_000, 'the swipe to bring the second video');
    await plays(videoOf(second, on));
    await noSeriousViolations('video feed on a phone', on);
    await phone.close();
  });

  it('waits for the play button when less motion is asked for', async () => {
    const calm = await newContext({ reducedMotion: 'reduce' });
    const on = await calm.newPage();
    await openFeed(on);
    const first = expected[0]?.id as string;
    const play = item(first, on).getByRole('button', { name: 'Play' });
    await play.waitFor(WAIT);
    assert.equal(await videoOf(first, on).evaluate((v: Player) => v.paused), true);
    await play.click();
    await plays(videoOf(first, on));
    await calm.close();
  });

  it('shows an error when a timeline cannot be read', async () => {
    const broken = await newContext();
    const on = await broken.newPage();
    await on.route('**/api/v1/timelines/public*', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"broken"}' }));
    await openFeed(on);
    await on.getByRole('alert').getByText('Something went wrong').waitFor(WAIT);
    await broken.close();
  });
});
