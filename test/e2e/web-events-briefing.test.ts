// A press briefing in the web app, in a real browser: the host accredits a journalist from the
// console (she was watching already, and her view gains the hand without a reload); she raises
// her hand, the host sees it live and calls on her; she asks, the host answers, and her follow-up
// shows under the answer for everyone. Others are told only accredited participants ask. A
// question in another language is translated in the console (through a LibreTranslate-compatible
// service, test/helpers/libretranslate). On a phone, Events is in the tab bar. axe-core checks each
// screen; screenshots go to /tmp/events-shots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { call, signUp } from '../helpers/http.ts';
import { startFakeTranslator, type FakeTranslator } from '../helpers/libretranslate.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { describeViolations, launch, seriousViolations, SKIP_BROWSER } from './browser.ts';
import { liveEventPage, pageAs, WIDE } from './event-pages.ts';

const WAIT = { timeout: 30_000 };
const SHOTS = '/tmp/events-shots';
const TITLE = 'Embassy press briefing';

describe('a briefing in the web app', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let translator: FakeTranslator;
  let browser: Browser;
  let host: Page;
  let pia: Page;
  let ola: Page;
  let eventId = '';
  const tokens = { host: '', pia: '', ola: '' };

  async function open(token: string | null, path: string, viewport = WIDE): Promise<Page> {
    const page = await pageAs(browser, server.url, token, viewport);
    await page.goto(`${server.url}${path}`);
    return page;
  }

  /** A view of the event, listening live (the console on the staff's channel). */
  async function live(token: string, staff: boolean): Promise<Page> {
    return liveEventPage(browser, server, { eventId, title: TITLE, token, staff });
  }

  const notReloaded = async (page: Page) => assert.equal(await page.evaluate('window.notReloaded'), true, 'the page was not reloaded');

  async function noSeriousViolations(page: Page, screen: string) {
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], `${screen}:\n${describeViolations(found)}`);
  }

  /** From the top: a page scrolled down would show its sticky header over the middle of the picture. */
  const shot = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const card = (page: Page, text: string) => page.locator('.questions article.question', { hasText: text });
  const queueItem = (text: string) => host.locator('.queue-item', { hasText: text });
  const hands = () => host.getByRole('region', { name: /^Raised hands/ });
  const people = () => host.getByRole('region', { name: 'Participants' });

  /** Sends the form (a question, or a follow-up) and answers the question the server made. */
  async function send(page: Page, form: ReturnType<Page['locator']>, box: string, text: string, language = 'en') {
    await form.getByRole('textbox', { name: box }).fill(text);
    await form.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ value: language });
    const sent = page.waitForResponse((r) => r.url().endsWith(`/events/${eventId}/questions`) && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Ask', exact: true }).click();
    const response = await sent;
    assert.equal(response.status(), 200);
    return (await response.json()) as { id: string; state: string; follow_up_of_id: string | null };
  }

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await ensureWebBuild({ quiet: true });
    translator = await startFakeTranslator();
    server = await startServer({ PARLEY_TRANSLATE_URL: `${translator.url}/` });
    browser = await launch();
    const names = { host: 'The Ambassador', pia: 'Pia Sørensen', ola: 'Ola' };
    for (const who of ['host', 'pia', 'ola'] as const) {
      tokens[who] = (await signUp(server.url, who)).token;
      const named = await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: tokens[who], json: { display_name: names[who] } });
      assert.equal(named.status, 200);
    }
    const made = await call(server.url, '/api/parley/v1/events', {
      method: 'POST',
      token: tokens.host,
      json: {
        kind: 'briefing',
        title: TITLE,
        description: 'Visas, trade and the new consulate.',
        starts_at: new Date(Date.now() - 60_000).toISOString(),
        ends_at: new Date(Date.now() + 3600_000).toISOString(),
        hashtag: 'EmbassyBriefing',
        premoderated: false,
      },
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    eventId = made.body.id as string;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await translator?.close();
  });

  it('accredits a journalist from the console, and her open view gains the hand without a reload', async () => {
    host = await live(tokens.host, true);
    pia = await live(tokens.pia, false);
    ola = await live(tokens.ola, false);
    for (const page of [pia, ola]) {
      await page.getByText('In this briefing, only accredited participants ask questions.').waitFor(WAIT);
      assert.equal(await page.getByRole('textbox', { name: 'Your question' }).count(), 0, 'no ask form for the audience');
      assert.equal(await page.getByRole('button', { name: 'Raise hand' }).count(), 0);
    }
    await people().getByText('No co-hosts, moderators or participants yet.').waitFor(WAIT);
    await hands().getByText('No hands raised.').waitFor(WAIT);
    const roles = await people().getByRole('combobox', { name: 'Role' }).locator('option').allTextContents();
    assert.deepEqual(roles, ['Co-host', 'Moderator', 'Participant'], 'the host may name co-hosts; participants, in a briefing');

    // A handle nobody has: the server's word, and nothing added.
    await people().getByRole('textbox', { name: 'Handle' }).fill('nobody');
    await people().getByRole('button', { name: 'Add', exact: true }).click();
    await people().getByText('No account with this handle').waitFor(WAIT);

    await people().getByRole('textbox', { name: 'Handle' }).fill('@pia');
    await people().getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Participant' });
    await people().getByRole('button', { name: 'Add', exact: true }).click();
    await people().getByText('Pia Sørensen was added as Participant.').waitFor(WAIT);
    await people().getByRole('listitem').filter({ hasText: '@pia' }).getByText('Participant', { exact: true }).waitFor(WAIT);
    const listed = (await call(server.url, `/api/parley/v1/events/${eventId}/participants`)).body as { account: { acct: string }; role: string }[];
    assert.deepEqual(
      listed.map((p) => [p.account.acct, p.role]),
      [['pia', 'participant']],
    );

    // Pia's view learns her role live; Ola's stays the audience's.
    await pia.getByRole('button', { name: 'Raise hand' }).waitFor(WAIT);
    await pia.getByRole('textbox', { name: 'Your question' }).waitFor(WAIT);
    assert.equal(await pia.getByText('only accredited participants ask').count(), 0);
    await notReloaded(pia);
    assert.equal(await ola.getByRole('button', { name: 'Raise hand' }).count(), 0);
  });

  it('takes a raised hand to the console live, where the host calls on her', async () => {
    await pia.getByRole('button', { name: 'Raise hand' }).click();
    await pia.getByText('Your hand is raised: the hosts can see it.').waitFor(WAIT);
    await pia.getByRole('button', { name: 'Lower hand' }).waitFor(WAIT);

    const row = hands().getByRole('listitem').filter({ hasText: 'Pia Sørensen' });
    await row.getByText(/^Raised /).waitFor(WAIT);
    await hands().locator('.count-pill', { hasText: '1' }).waitFor(WAIT);
    await notReloaded(host);
    await noSeriousViolations(host, 'the briefing console with a raised hand');
    await noSeriousViolations(pia, 'the briefing, hand raised');
    await shot(host, 'briefing-hands');
    // On a phone, both.
    for (const page of [host, pia]) await page.setViewportSize({ width: 390, height: 844 });
    await noSeriousViolations(host, 'the briefing console on a phone');
    await shot(host, 'briefing-hands-phone');
    await shot(pia, 'briefing-hand-raised-phone');
    await host.setViewportSize({ width: 1400, height: 1000 });
    await pia.setViewportSize({ width: 1280, height: 1000 });

    await row.getByRole('button', { name: 'Call on Pia Sørensen' }).click();
    await row.getByText(/^Called on /).waitFor(WAIT);
    assert.equal(await row.getByRole('button', { name: /Call on/ }).count(), 0, 'called on once');
    await hands().locator('.count-pill', { hasText: '0' }).waitFor(WAIT);
    const listed = (await call(server.url, `/api/parley/v1/events/${eventId}/hands`, { token: tokens.host })).body as { called_at: string | null }[];
    assert.equal(listed.length, 1);
    assert.notEqual(listed[0]!.called_at, null);

    // Lowered: gone from the console, live.
    await pia.getByRole('button', { name: 'Lower hand' }).click();
    await pia.getByText('Your hand is lowered.').waitFor(WAIT);
    await hands().getByText('No hands raised.').waitFor(WAIT);
  });

  it('answers her question, and her follow-up shows under the answer for everyone', async () => {
    const asked = await send(pia, pia.locator('form.ask-form').first(), 'Your question', 'Will the visa fee rise next year?');
    assert.equal(asked.state, 'approved');
    await queueItem('visa fee').click();
    await host.getByRole('textbox', { name: 'Your answer' }).fill('No: it stays at 60 euros until 2028.');
    await host.getByRole('button', { name: 'Answer now' }).click();
    await queueItem('visa fee').getByText('Answered').waitFor(WAIT);
    const first = card(pia, 'visa fee');
    await first.getByText('it stays at 60 euros').waitFor(WAIT);

    // Only answered questions take a follow-up; Ola, in the audience, is offered none.
    assert.equal(await card(ola, 'visa fee').getByRole('button', { name: 'Ask a follow-up' }).count(), 0);
    const ask = first.getByRole('button', { name: 'Ask a follow-up' });
    assert.equal(await ask.getAttribute('aria-expanded'), 'false');
    await ask.click();
    assert.equal(await ask.getAttribute('aria-expanded'), 'true');
    const form = first.getByRole('form', { name: 'Follow-up to Pia Sørensen' });
    const followUp = await send(pia, form, 'Your follow-up', 'And for students?');
    assert.equal(followUp.follow_up_of_id, asked.id);

    for (const page of [pia, ola]) {
      const under = page.locator(`.questions > li:has(> article[data-question-id="${asked.id}"]) > ul.follow-ups`);
      await under.locator('article.question', { hasText: 'And for students?' }).waitFor(WAIT);
      assert.equal(await under.getAttribute('aria-label'), 'Follow-ups to Pia Sørensen');
      // Attached there, not standing on its own at the top.
      assert.equal(await page.locator('.questions > li > article.question', { hasText: 'And for students?' }).count(), 0);
      await notReloaded(page);
    }
    // In the console: marked, and said what it follows.
    await queueItem('students').getByText('Follow-up', { exact: true }).waitFor(WAIT);
    await queueItem('students').click();
    await host.locator('.console-detail .follow-up-of', { hasText: 'Follow-up to Pia Sørensen' }).getByText('Will the visa fee rise').waitFor(WAIT);
    await host.getByRole('textbox', { name: 'Your answer' }).fill('Students pay half.');
    await host.getByRole('button', { name: 'Answer now' }).click();
    await card(ola, 'And for students?').getByText('Students pay half.').waitFor(WAIT);

    await noSeriousViolations(pia, 'the briefing with a follow-up');
    await noSeriousViolations(ola, 'the briefing, for the audience');
    await noSeriousViolations(host, 'the briefing console');
    await shot(pia, 'briefing-audience');
    await shot(ola, 'briefing-watcher');
    await shot(host, 'briefing-console');
  });

  it('translates a question in the console where the server offers translation', async () => {
    await send(pia, pia.locator('form.ask-form').first(), 'Your question', 'Quand ouvre le nouveau consulat ?', 'fr');
    await queueItem('consulat').click();
    const detail = host.locator('.console-detail');
    await detail.getByRole('button', { name: 'Translate' }).click();
    const translation = detail.getByRole('region', { name: 'Translation' });
    await translation.getByText('[en] Quand ouvre le nouveau consulat ?').waitFor(WAIT);
    await translation.getByText('Translated from French by LibreTranslate').waitFor(WAIT);
    assert.equal(await translation.locator('[lang="en"]').count(), 1, 'the translation says its language');
    assert.equal(translator.calls.at(-1)?.target, 'en');
    await detail.getByText('Quand ouvre le nouveau consulat ?', { exact: true }).waitFor(WAIT);
    await noSeriousViolations(host, 'the console with a translation');
    await shot(host, 'briefing-translation');
    await detail.getByRole('button', { name: 'Hide translation' }).click();
    await translation.waitFor({ state: 'detached', ...WAIT });
    // A question in the reader's own language has nothing to translate.
    await queueItem('visa fee').click();
    await detail.getByText('Will the visa fee rise next year?', { exact: true }).waitFor(WAIT);
    assert.equal(await detail.getByRole('button', { name: 'Translate' }).count(), 0);
  });

  it('removes a participant, who loses the hand and the form', async () => {
    await people().getByRole('button', { name: 'Remove Pia Sørensen' }).click();
    await people().getByText('No co-hosts, moderators or participants yet.').waitFor(WAIT);
    await pia.getByRole('button', { name: /hand/ }).waitFor({ state: 'detached', ...WAIT });
    await pia.getByText('In this briefing, only accredited participants ask questions.').waitFor(WAIT);
    assert.equal(await pia.getByRole('textbox', { name: 'Your question' }).count(), 0);
    await notReloaded(pia);
  });

  it('reaches Events from the phone tab bar, on a small phone too', async () => {
    for (const width of [390, 360]) {
      const phone = await open(tokens.ola, '/web/home', { width, height: 800 });
      const tabs = phone.getByRole('navigation', { name: 'Sections' });
      await tabs.getByRole('link', { name: 'Events' }).click();
      await phone.getByRole('heading', { name: 'Events', level: 1 }).waitFor(WAIT);
      await phone.getByRole('list', { name: 'Events' }).getByRole('link', { name: TITLE }).waitFor(WAIT);
      assert.equal(await tabs.getByRole('link', { name: 'Events' }).getAttribute('aria-current'), 'page');
      const fits = await phone.evaluate(`(() => { const bar = document.querySelector('.tabbar'); return bar.scrollWidth <= bar.clientWidth; })()`);
      assert.equal(fits, true, `every tab fits ${width} pixels`);
      const smallest = await phone.evaluate(`Math.min(...[...document.querySelectorAll('.tabbar .tab')].map((t) => t.getBoundingClientRect().width))`);
      assert.ok((smallest as number) >= 44, `tabs stay a finger wide (${smallest}px)`);
      await noSeriousViolations(phone, `the events list on a ${width}px phone`);
      await shot(phone, `events-phone-${width}`);
      await phone.goto(`${server.url}/web/events/${eventId}`);
      await phone.getByRole('heading', { name: TITLE, level: 1 }).waitFor(WAIT);
      await shot(phone, `briefing-phone-${width}`);
      await phone.context().close();
    }
  });
});
