// Live events in the web app, in a real browser: a host creates a Q&A from the app's form and runs
// it from the console; two audience members (each in a context of their own) ask and vote; the host
// approves, hides, answers (at once, and prepared then released) from the keyboard; the answer
// reaches the audience live without a reload; the host ends the event, and the audience sees that
// live too. A visitor signed out reads it; the announcement in a timeline opens the event.
// axe-core checks each screen; screenshots go to /tmp/events-shots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel } from '../helpers/streaming.ts';
import { describeViolations, launch, seriousViolations, SKIP_BROWSER } from './browser.ts';
import { liveEventPage, pageAs } from './event-pages.ts';
import { subscribedToEvent } from './live.ts';

const WAIT = { timeout: 30_000 };
const SHOTS = '/tmp/events-shots';

describe('live events in the web app', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let host: Page;
  let ana: Page;
  let ben: Page;
  let eventId = '';
  const tokens = { host: '', ana: '', ben: '' };

  async function open(token: string | null, path: string): Promise<Page> {
    const page = await pageAs(browser, server.url, token);
    await page.goto(`${server.url}${path}`);
    return page;
  }

  /** The audience view of the event, listening live. */
  async function audience(token: string | null): Promise<Page> {
    return liveEventPage(browser, server, { eventId, title: 'Ask the Ambassador', token, staff: false });
  }

  const notReloaded = async (page: Page) => assert.equal(await page.evaluate('window.notReloaded'), true, 'the page was not reloaded');

  async function noSeriousViolations(page: Page, screen: string) {
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], `${screen}:\n${describeViolations(found)}`);
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const card = (page: Page, text: string) => page.locator('.questions article.question', { hasText: text });
  const queueItem = (text: string) => host.locator('.queue-item', { hasText: text });
  const selected = () => host.locator('.queue-item[aria-current="true"]');

  /** Asks from the audience view; answers the question's state. */
  async function askFrom(page: Page, text: string, language = 'en'): Promise<string> {
    await page.getByRole('textbox', { name: 'Your question' }).fill(text);
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ value: language });
    const sent = page.waitForResponse((r) => r.url().endsWith(`/events/${eventId}/questions`) && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const response = await sent;
    assert.equal(response.status(), 200);
    return ((await response.json()) as { state: string }).state;
  }

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    browser = await launch();
    for (const name of ['host', 'ana', 'ben'] as const) tokens[name] = (await signUp(server.url, name)).token;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates an event from the navigation and lands in its console', async () => {
    host = await open(tokens.host, '/web/home');
    await host.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Events' }).click();
    await host.getByRole('heading', { name: 'Events', level: 1 }).waitFor(WAIT);
    await host.getByText('No events here.').waitFor(WAIT);
    await noSeriousViolations(host, 'the events list');
    await host.getByRole('link', { name: 'Create an event' }).click();
    const form = host.locator('form');
    await form.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Q&A' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Ask the Ambassador');
    await form.getByRole('textbox', { name: 'Description' }).fill('Questions about visas, trade and culture.');
    await form.getByRole('textbox', { name: 'Hashtag' }).fill('#AskTheAmbassador');
    assert.equal(await form.getByRole('checkbox', { name: /wait for a moderator/ }).isChecked(), true, 'premoderated by default');
    await noSeriousViolations(host, 'the event form');
    await shot(host, 'event-form');
    await form.getByRole('button', { name: 'Create the event' }).click();
    await host.waitForURL(/\/web\/events\/\d+\/console$/, WAIT);
    eventId = /\/web\/events\/(\d+)\/console$/.exec(host.url())![1]!;
    await host.getByRole('heading', { name: 'Console: Ask the Ambassador', level: 1 }).waitFor(WAIT);
    const event = (await call(server.url, `/api/parley/v1/events/${eventId}`)).body;
    assert.equal(event.kind, 'qa');
    assert.equal(event.state, 'live');
    assert.equal(event.hashtag, 'asktheambassador');
    assert.equal(event.premoderated, true);
    await host.getByText('No questions match these filters.').waitFor(WAIT);
  });

  it('takes a question, shows it to the staff alone until approved, and counts votes live', async () => {
    // The console listens on the staff's channel: reopened so the probe is heard from the start.
    const ready = subscribedToEvent(host, server.app.bus, channel.eventStaff(eventId));
    await host.reload();
    await ready;
    ana = await audience(tokens.ana);
    ben = await audience(tokens.ben);

    assert.equal(await askFrom(ana, 'When do visa rules change?'), 'pending');
    await ana.getByText('Your question was sent: a moderator will review it.').waitFor(WAIT);

    // Pending: in the console at once, not in the audience's list.
    await queueItem('When do visa rules change?').getByText('Pending').waitFor(WAIT);
    assert.equal(await card(ben, 'visa rules').count(), 0);
    await noSeriousViolations(ana, 'the audience view');

    // The keyboard: j selects, a approves.
    await host.locator('body').press('j');
    assert.match((await selected().textContent()) ?? '', /visa rules/);
    await host.waitForFunction(`document.activeElement?.classList.contains('queue-item')`, undefined, WAIT);
    assert.equal(await selected().evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement), true, 'the focus follows the selection');
    await host.keyboard.press('a');
    await queueItem('visa rules').getByText('Approved').waitFor(WAIT);

    const bens = card(ben, 'When do visa rules change?');
    await bens.waitFor(WAIT);
    const vote = bens.getByRole('button', { name: /Vote/ });
    assert.equal(await vote.getAttribute('aria-pressed'), 'false');
    await vote.click();
    await bens.locator('.vote-count', { hasText: '1' }).waitFor(WAIT);
    assert.equal(await vote.getAttribute('aria-pressed'), 'true');
    // Ana's card follows Ben's vote live, and so does the console.
    await card(ana, 'visa rules').locator('.vote-count', { hasText: '1' }).waitFor(WAIT);
    await queueItem('visa rules').getByText('1 vote').waitFor(WAIT);
    // A second press takes it back (a toggle), and the counts follow.
    await vote.click();
    await card(ana, 'visa rules').locator('.vote-count', { hasText: '0' }).waitFor(WAIT);
    assert.equal(await vote.getAttribute('aria-pressed'), 'false');
    await vote.click();
    await card(ana, 'visa rules').locator('.vote-count', { hasText: '1' }).waitFor(WAIT);
    await notReloaded(ana);
  });

  it('hides from the keyboard and filters the queue by state and language', async () => {
    await askFrom(ben, 'Buy my crypto coin!');
    await askFrom(ben, 'Quand ouvre le consulat ?', 'fr');
    await queueItem('crypto').waitFor(WAIT);
    await queueItem('consulat').waitFor(WAIT);
    await queueItem('crypto').click();
    await host.keyboard.press('h');
    await queueItem('crypto').getByText('Hidden').waitFor(WAIT);

    await host.getByRole('combobox', { name: 'State' }).selectOption({ label: 'Hidden' });
    assert.deepEqual(await host.locator('.queue-text').allTextContents(), ['Buy my crypto coin!']);
    await host.getByRole('combobox', { name: 'State' }).selectOption({ label: 'All' });
    await host.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'French' });
    assert.deepEqual(await host.locator('.queue-text').allTextContents(), ['Quand ouvre le consulat ?']);
    await host.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'Any language' });
    // Approved with a's key, then k goes back up the queue.
    await queueItem('consulat').click();
    await host.keyboard.press('a');
    await card(ana, 'consulat').waitFor(WAIT);
    assert.equal(await card(ana, 'crypto').count(), 0, 'a hidden question never reaches the audience');
  });

  it('answers a question and the audience sees the answer arrive live', async () => {
    await queueItem('visa rules').click();
    await host.keyboard.press('r');
    const composer = host.getByRole('textbox', { name: 'Your answer' });
    assert.equal(await composer.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement), true, 'r goes to the composer');
    await host.keyboard.type('From March: see our site.');
    await noSeriousViolations(host, 'the console');
    await shot(host, 'console');
    await host.getByRole('button', { name: 'Answer now' }).click();
    await queueItem('visa rules').getByText('Answered').waitFor(WAIT);

    for (const page of [ana, ben]) {
      const answer = card(page, 'visa rules').getByRole('region', { name: /^Answer to / });
      await answer.getByText('From March: see our site.').waitFor(WAIT);
      await notReloaded(page);
    }
    // The host's preview pane shows it as the audience does.
    await host.locator('.console-preview article.question', { hasText: 'visa rules' }).getByText('From March').waitFor(WAIT);
    await noSeriousViolations(ana, 'the audience view with an answer');
    await shot(ana, 'audience');
    // On a phone.
    await ana.setViewportSize({ width: 390, height: 844 });
    await host.setViewportSize({ width: 390, height: 844 });
    await noSeriousViolations(ana, 'the audience view on a phone');
    await shot(ana, 'audience-phone');
    await shot(host, 'console-phone');
    await ana.setViewportSize({ width: 1280, height: 1000 });
    await host.setViewportSize({ width: 1400, height: 1000 });
  });

  it('prepares an answer, and releases it later', async () => {
    await queueItem('consulat').click();
    await host.getByRole('textbox', { name: 'Your answer' }).fill('Le lundi à 9 h.');
    await host.getByRole('button', { name: 'Prepare for later' }).click();
    await host.getByText('Prepared answer (not released yet)').waitFor(WAIT);
    await host.getByText('Le lundi à 9 h.').waitFor(WAIT);
    assert.equal(await card(ana, 'consulat').getByText('Le lundi').count(), 0, 'a prepared answer stays with the hosts');
    await host.getByRole('button', { name: 'Release the prepared answer' }).click();
    await card(ana, 'consulat').getByText('Le lundi à 9 h.').waitFor(WAIT);
  });

  it('merges a question into another, its votes with it', async () => {
    await askFrom(ben, 'Are the visa rules changing soon?');
    await queueItem('changing soon').click();
    await host.keyboard.press('a');
    const twin = card(ana, 'changing soon');
    await twin.getByRole('button', { name: /Vote/ }).click();
    await twin.locator('.vote-count', { hasText: '1' }).waitFor(WAIT);
    const kept = (await card(ana, 'When do visa rules change?').getAttribute('data-question-id'))!;
    await queueItem('changing soon').click();
    await host.getByRole('combobox', { name: 'Merge into' }).selectOption({ value: kept });
    await host.getByRole('button', { name: 'Merge', exact: true }).click();
    await queueItem('changing soon').waitFor({ state: 'detached', ...WAIT });
    // Gone from the audience's list, live; Ana's vote went with it (Ben's was there already).
    await twin.waitFor({ state: 'detached', ...WAIT });
    await card(ana, 'When do visa rules change?').locator('.vote-count', { hasText: '2' }).waitFor(WAIT);
    await queueItem('visa rules change').getByText('2 votes').waitFor(WAIT);
  });

  it('ends the event, and the audience sees it end live', async () => {
    host.once('dialog', (dialog) => void dialog.accept());
    await host.getByRole('button', { name: 'End the event' }).click();
    await host.locator('.console-bar .event-state', { hasText: 'Ended' }).waitFor(WAIT);
    for (const page of [ana, ben]) {
      await page.locator('.event-summary .event-state', { hasText: 'Ended' }).waitFor(WAIT);
      await page.getByRole('textbox', { name: 'Your question' }).waitFor({ state: 'detached', ...WAIT });
      assert.equal(await card(page, 'visa rules').getByRole('button', { name: /Vote/ }).count(), 0, 'no votes once ended');
      await notReloaded(page);
    }
    assert.equal((await call(server.url, `/api/parley/v1/events/${eventId}`)).body.state, 'ended');
  });

  it('shows the event to a visitor signed out, to read', async () => {
    const visitor = await audience(null);
    await card(visitor, 'visa rules').getByText('From March: see our site.').waitFor(WAIT);
    assert.equal(await visitor.getByRole('button', { name: /Vote/ }).count(), 0);
    assert.equal(await visitor.getByRole('textbox', { name: 'Your question' }).count(), 0);
    await visitor.getByText('Sign in to ask questions and vote.').waitFor(WAIT);
    await noSeriousViolations(visitor, 'the event signed out');
    await shot(visitor, 'signed-out');
    // The server's public page (where this branch has it) opens this view.
    const page = await visitor.goto(`${server.url}/events/${eventId}`);
    if (page?.status() !== 200) return;
    await shot(visitor, 'public-page');
    await noSeriousViolations(visitor, 'the public page');
    await visitor.getByRole('link', { name: 'Open in the app' }).click();
    await visitor.waitForURL(`${server.url}/web/events/${eventId}`, WAIT);
    await card(visitor, 'visa rules').getByText('From March: see our site.').waitFor(WAIT);
  });

  it('runs a coverage event: the host posts updates from the console, the audience sees them live', async () => {
    const made = await call(server.url, '/api/parley/v1/events', {
      method: 'POST',
      token: tokens.host,
      json: { kind: 'coverage', title: 'Summit live', starts_at: new Date(Date.now() - 60_000).toISOString(), ends_at: new Date(Date.now() + 3600_000).toISOString(), hashtag: 'Summit' },
    });
    assert.equal(made.status, 200);
    const coverageId = made.body.id as string;
    await host.goto(`${server.url}/web/events/${coverageId}/console`);
    await host.getByRole('heading', { name: 'Console: Summit live', level: 1 }).waitFor(WAIT);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'fr-FR',
      storageState: { cookies: [], origins: [{ origin: server.url, localStorage: [{ name: 'parley.token', value: tokens.ana }] }] },
    });
    const reader = await context.newPage();
    const ready = subscribedToEvent(reader, server.app.bus, channel.event(coverageId));
    await reader.goto(`${server.url}/web/events/${coverageId}`);
    // In French: the app's language follows the browser's.
    await reader.getByRole('heading', { name: 'Actualités', level: 2 }).waitFor(WAIT);
    await reader.getByText("Pas encore d'actualités.").waitFor(WAIT);
    await ready;
    assert.equal(await reader.getByRole('textbox', { name: 'Votre question' }).count(), 0, 'no questions in a coverage event');

    await host.getByRole('textbox', { name: 'New update' }).fill('The delegates have arrived.');
    await host.getByRole('button', { name: 'Post the update' }).click();
    await reader.locator('article.status', { hasText: 'The delegates have arrived.' }).waitFor(WAIT);
    await host.locator('.console-preview article.status', { hasText: 'The delegates have arrived.' }).waitFor(WAIT);
    await noSeriousViolations(reader, 'a coverage event, in French');
    await shot(reader, 'coverage-fr');
    await context.close();
  });

  it('links an announcement in a timeline to its event', async () => {
    const event = (await call(server.url, `/api/parley/v1/events/${eventId}`)).body;
    await host.goto(`${server.url}/web/@host/${event.announcement_id}`);
    const open = host.locator(`article.status[data-status-id="${event.announcement_id}"]`).getByRole('link', { name: 'Open event' });
    await open.waitFor(WAIT);
    await shot(host, 'announcement');
    await open.click();
    await host.waitForURL(`${server.url}/web/events/${eventId}`, WAIT);
    await host.getByRole('link', { name: 'Open the host console' }).waitFor(WAIT);
    // Other posts have no such link.
    const plain = await call(server.url, '/api/v1/statuses', { method: 'POST', token: tokens.ana, json: { status: `See ${server.url}/events/x and ${server.url}/tags/events` } });
    assert.equal(plain.status, 200);
    await host.goto(`${server.url}/web/@ana/${plain.body.id}`);
    await host.locator('article.status').first().waitFor(WAIT);
    assert.equal(await host.getByRole('link', { name: 'Open event' }).count(), 0);
  });

  it('lists the events by state', async () => {
    await host.goto(`${server.url}/web/events`);
    const list = host.getByRole('list', { name: 'Events' });
    await list.getByRole('link', { name: 'Summit live' }).waitFor(WAIT);
    assert.equal(await list.getByRole('link', { name: 'Ask the Ambassador' }).count(), 0, 'an ended event is not live');
    await host.getByRole('button', { name: 'Ended' }).click();
    await list.getByRole('link', { name: 'Ask the Ambassador' }).waitFor(WAIT);
    assert.equal(await host.getByRole('button', { name: 'Ended' }).getAttribute('aria-pressed'), 'true');
    await noSeriousViolations(host, 'the events list');
    await shot(host, 'events-list');
  });
});
