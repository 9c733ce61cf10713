// The web app in other languages and scripts, in a real browser: a reader whose browser asks for
// Arabic gets the interface in Arabic, laid out right to left (the sidebar on the right, poll bars
// growing from the right, the reply arrow mirrored); one asking for Thai gets Thai, left to right;
// the language changes in settings and the choice is kept. Times are written in the interface's
// language, the fonts for the scripts are served by Parley itself (Debian's Chromium has none), and
// axe-core finds nothing serious on home and compose in either language. A post written in three
// languages shows each reader the version in theirs, marked with its language and direction, and a
// switch to the others; compose shows a second version's tab. Screenshots of both go to
// test-artifacts/screenshots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { describeViolations, launch, SCREENSHOTS, SKIP_BROWSER, seriousViolations } from './browser.ts';

const WAIT = { timeout: 30_000 };
type Box = { x: number; y: number; width: number; height: number };
/** The page's own function, for a callback run in the page (this file is type-checked without the DOM). */
declare const getComputedStyle: (element: unknown) => { transform: string };

describe('web app languages', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let bobToken = '';

  before(async () => {
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    browser = await launch();
    const alice = await signUp(server.url, 'alice');
    bobToken = (await signUp(server.url, 'bob')).token;
    const aliceId = (await call(server.url, '/api/v1/accounts/lookup?acct=alice')).body.id as string;
    assert.equal((await call(server.url, `/api/v1/accounts/${aliceId}/follow`, { method: 'POST', token: bobToken })).status, 200);
    // A post in each script with a poll Bob has voted in, so his home shows a card with results.
    const posted = await call(server.url, '/api/v1/statuses', {
      token: alice.token,
      json: { status: 'مرحبا بالجميع! สวัสดีครับ 你好 안녕하세요 नमस्ते Привет', poll: { options: ['نعم', 'ไม่', 'Maybe'], expires_in: 86_400 } },
    });
    assert.equal(posted.status, 200);
    assert.equal((await call(server.url, `/api/v1/polls/${posted.body.poll.id}/votes`, { method: 'POST', token: bobToken, json: { choices: [0] } })).status, 200);
    // A post in three languages: each reader's browser language picks the version, and a switch offers the others.
    const versions = { th: { status: 'วันเปิดบ้านของสถานทูตวันเสาร์นี้' }, ar: { status: 'يوم الأبواب المفتوحة في السفارة هذا السبت' } };
    assert.equal((await call(server.url, '/api/v1/statuses', { token: alice.token, json: { status: 'Embassy open day this Saturday', language: 'en', translations: versions } })).status, 200);
    await server.app.jobs.idle();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Bob, signed in already (as after the OAuth flow), in a browser that asks for `locale`. */
  async function openAs(locale: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale,
      storageState: { cookies: [], origins: [{ origin: server.url, localStorage: [{ name: 'parley.token', value: bobToken }] }] },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return page;
  }

  const box = async (page: Page, selector: string): Promise<Box> => {
    const found = await page.locator(selector).first().boundingBox();
    assert.ok(found, `${selector} is shown`);
    return found;
  };

  async function noSeriousViolations(page: Page, screen: string) {
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], `${screen}:\n${describeViolations(found)}`);
  }

  /** The families of the web fonts the page has downloaded (fonts.ready: every face it needs has loaded). */
  async function loadedFonts(page: Page): Promise<string[]> {
    return (await page.evaluate(`document.fonts.ready.then((set) => [...set].filter((f) => f.status === 'loaded').map((f) => f.family))`)) as string[];
  }

  /** The post in three languages, read in the browser's: its version marked with its language and direction, the switch beside it. */
  async function versionShown(page: Page, expected: { text: string; lang: string; dir: 'ltr' | 'rtl'; names: string[] }) {
    const content = page.locator('article.status .status-content', { hasText: expected.text });
    await content.waitFor(WAIT);
    assert.equal(await content.getAttribute('lang'), expected.lang);
    assert.equal(await content.getAttribute('dir'), expected.dir);
    const card = page.locator('article.status', { has: page.locator('.status-content', { hasText: expected.text }) });
    assert.deepEqual(await card.locator('.status-languages button').allTextContents(), expected.names);
    assert.equal(await card.locator('.status-languages button[aria-pressed="true"]').count(), 1);
  }

  /** Compose with a second version open beside the primary (written in the interface's language). */
  async function composeTwoVersions(page: Page, primary: string, english: string) {
    const form = page.locator('main form.compose');
    await form.locator('textarea').fill(primary);
    await form.locator('select[id$="-add-language"]').selectOption('en');
    await form.locator('textarea[lang="en"]').fill(english);
    assert.equal(await form.locator('[role="tab"]').count(), 2);
  }

  async function screenshots(page: Page, language: string, compose: () => Promise<void>) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.goto(`${server.url}/web/home`);
    await page.locator('article.status .poll-summary').waitFor(WAIT);
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: path.join(SCREENSHOTS, `home-${language}.png`) });
    await page.goto(`${server.url}/web/compose`);
    await page.locator('main textarea').first().waitFor(WAIT);
    await compose();
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: path.join(SCREENSHOTS, `compose-${language}.png`) });
  }

  /** Home in the language a browser asking for `locale` gets: its heading, `lang` and `dir`; where the sidebar and main column are. */
  async function homeIn(locale: string, expected: { heading: string; lang: string; dir: 'ltr' | 'rtl' }) {
    const page = await openAs(locale);
    await page.goto(`${server.url}/web/home`);
    await page.getByRole('heading', { name: expected.heading, level: 1 }).waitFor(WAIT);
    assert.equal(await page.evaluate('document.documentElement.lang'), expected.lang);
    assert.equal(await page.evaluate('document.documentElement.dir'), expected.dir);
    return { page, sidebar: await box(page, '.sidebar'), main: await box(page, 'main#main') };
  }

  it('speaks Arabic to a browser that asks for it, right to left', async () => {
    const { page, sidebar, main } = await homeIn('ar-EG', { heading: 'الرئيسية', lang: 'ar', dir: 'rtl' });
    // The sidebar (with the navigation) is on the right of the main column.
    assert.ok(sidebar.x >= main.x + main.width - 1, `sidebar ${JSON.stringify(sidebar)} right of main ${JSON.stringify(main)}`);
    const nav = await box(page, 'nav[aria-label="التنقل الرئيسي"]');
    assert.ok(nav.x > main.x, 'the navigation is on the right');

    // The card: the reply arrow points the way Arabic reads; the time is said in Arabic.
    const card = page.locator('article.status', { hasText: 'مرحبا' });
    await card.waitFor(WAIT);
    const replyIcon = card.getByRole('button', { name: 'رد' }).locator('svg');
    assert.match(String(await replyIcon.evaluate((svg) => getComputedStyle(svg).transform)), /^matrix\(-1,/);
    assert.match((await card.locator('time').first().textContent()) ?? '', /[\u0600-\u06FF]/);

    // Bars of the results start at the right, as the options' text does.
    // (An option nobody chose: its bar is a stub, which sits at the start of its row.)
    const row = await box(page, '.poll-result:not(.leading)');
    const bar = await box(page, '.poll-result:not(.leading) .poll-bar');
    assert.ok(row.x + row.width - (bar.x + bar.width) < bar.x - row.x, `bar ${JSON.stringify(bar)} starts at the right of ${JSON.stringify(row)}`);
    assert.match((await card.locator('.poll-summary').textContent()) ?? '', /صوّت شخص واحد/);

    assert.ok((await loadedFonts(page)).length > 0, 'the fonts for the scripts of the post are served');
    await versionShown(page, { text: 'يوم الأبواب', lang: 'ar', dir: 'rtl', names: ['الإنجليزية', 'العربية', 'التايلاندية'] });
    await noSeriousViolations(page, 'home (Arabic)');
    await screenshots(page, 'ar', () => composeTwoVersions(page, 'أهلا وسهلا', 'Welcome'));
    await noSeriousViolations(page, 'compose (Arabic)');
    await page.context().close();
  });

  it('speaks Thai to a browser that asks for it, with a Thai font from the server', async () => {
    const { page, sidebar, main } = await homeIn('th-TH', { heading: 'หน้าแรก', lang: 'th', dir: 'ltr' });
    assert.ok(sidebar.x + sidebar.width <= main.x + 1, 'left to right: the sidebar on the left');

    const card = page.locator('article.status', { hasText: 'สวัสดี' });
    await card.getByRole('button', { name: 'ตอบกลับ' }).waitFor(WAIT);
    assert.match((await card.locator('time').first().textContent()) ?? '', /[\u0E00-\u0E7F]/);
    assert.ok((await loadedFonts(page)).includes('Noto Sans Thai Variable'), 'Thai text drawn with the served Thai font');

    await versionShown(page, { text: 'วันเปิดบ้าน', lang: 'th', dir: 'ltr', names: ['อังกฤษ', 'อาหรับ', 'ไทย'] });
    await noSeriousViolations(page, 'home (Thai)');
    await screenshots(page, 'th', () => composeTwoVersions(page, 'สวัสดีครับ', 'Hello'));
    await noSeriousViolations(page, 'compose (Thai)');
    await page.context().close();
  });

  it('changes language in settings, each listed under its own name, and keeps the choice', async () => {
    const page = await openAs('th-TH');
    await page.goto(`${server.url}/web/settings`);
    await page.getByRole('heading', { name: 'การตั้งค่า', level: 1 }).waitFor(WAIT);
    const picker = page.locator('select#settings-language');
    assert.equal(await page.getByLabel('ภาษา', { exact: true }).getAttribute('id'), 'settings-language');
    assert.deepEqual((await picker.locator('option').allTextContents()).sort(), ['English', 'Français', 'Русский', 'العربية', 'فارسی', 'हिन्दी', 'ไทย', '简体中文', '한국어'].sort());

    await picker.selectOption('ar');
    await page.getByRole('heading', { name: 'الإعدادات', level: 1 }).waitFor(WAIT);
    assert.equal(await page.evaluate('document.documentElement.dir'), 'rtl');
    await page.reload();
    await page.getByRole('heading', { name: 'الإعدادات', level: 1 }).waitFor(WAIT);

    for (const [code, heading, dir] of [
      ['fa', 'تنظیمات', 'rtl'],
      ['zh-Hans', '设置', 'ltr'],
      ['ko', '설정', 'ltr'],
      ['hi', 'सेटिंग्स', 'ltr'],
      ['ru', 'Настройки', 'ltr'],
      ['en', 'Settings', 'ltr'],
    ] as const) {
      await page.locator('select#settings-language').selectOption(code);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor(WAIT);
      assert.equal(await page.evaluate('document.documentElement.dir'), dir, code);
      assert.equal(await page.evaluate('document.documentElement.lang'), code);
    }
    await page.context().close();
  });
});
