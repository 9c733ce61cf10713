// Polls in the web app, in a real browser: Alice builds a poll in the composer (options added and
// removed, a duration, media and poll one or the other) and posts it; Bob, who follows her, votes
// from the keyboard and sees the results with his choice marked; a vote Carol sends through the API
// reaches both their cards live. A multiple-choice poll takes several checkboxes; a poll hiding its
// totals shows none until it ends, and its end reaches the cards live; an edit keeps the poll, or
// takes it off. axe-core checks the composer, the choices and the results.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { call, signUp } from '../helpers/http.ts';
import { png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel } from '../helpers/streaming.ts';
import { describeViolations, launch, seriousViolations, SKIP_BROWSER } from './browser.ts';
import { subscribed } from './live.ts';

const WAIT = { timeout: 30_000 };

interface Posted {
  id: string;
  poll: { id: string; options: { title: string }[]; multiple: boolean; expires_at: string } | null;
}

describe('polls in the web app', { skip: SKIP_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  const tokens = { alice: '', bob: '', carol: '' };

  /** A page signed in already, as after the OAuth flow, on its home timeline and listening live. */
  async function openHome(token: string, listenOn: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      storageState: { cookies: [], origins: [{ origin: server.url, localStorage: [{ name: 'parley.token', value: token }] }] },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    const ready = subscribed(page, server.app.bus, 'user', listenOn);
    await page.goto(`${server.url}/web/home`);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor(WAIT);
    await ready;
    return page;
  }

  before(async () => {
    await ensureWebBuild({ quiet: true });
    server = await startServer();
    browser = await launch();
    for (const name of ['alice', 'bob', 'carol'] as const) tokens[name] = (await signUp(server.url, name)).token;
    const aliceId = (await call(server.url, '/api/v1/accounts/lookup?acct=alice')).body.id as string;
    assert.equal((await call(server.url, `/api/v1/accounts/${aliceId}/follow`, { method: 'POST', token: tokens.bob })).status, 200);
    // Both listen where Alice's posts (and their polls' news) are published.
    alice = await openHome(tokens.alice, channel.author(aliceId));
    bob = await openHome(tokens.bob, channel.author(aliceId));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const composer = (page: Page) => page.locator('.sidebar-compose');
  const card = (page: Page, text: string) => page.locator('article.status', { hasText: text });
  const summary = (page: Page, text: string) => card(page, text).locator('.poll-summary');

  async function noSeriousViolations(page: Page, screen: string) {
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], `${screen}:\n${describeViolations(found)}`);
  }

  /** Sends what the composer holds; answers the status the server made of it. */
  async function publish(page: Page): Promise<Posted> {
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST');
    await composer(page).getByRole('button', { name: 'Publish' }).click();
    const response = await posted;
    assert.equal(response.status(), 200);
    return (await response.json()) as Posted;
  }

  /** Whether the element has the focus (typed by what it touches: this file is type-checked without the DOM). */
  const focused = (locator: Locator) => locator.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement);

  /** The share shown beside an option of a post's poll ("67%"). */
  const shareOf = (page: Page, text: string, option: string) => card(page, text).locator('.poll-result', { hasText: option }).locator('.poll-share').textContent();

  it('builds a poll in the composer and posts it', async () => {
    const form = composer(alice);
    const pollButton = form.getByRole('button', { name: 'Poll', exact: true });
    await pollButton.click();
    assert.equal(await pollButton.getAttribute('aria-pressed'), 'true');
    assert.equal(await form.getByRole('button', { name: 'Add media' }).isDisabled(), true, 'no media beside a poll');
    await form.getByRole('group', { name: 'Poll', exact: true }).waitFor(WAIT);
    // The first option has the focus: typed straight in.
    await alice.keyboard.type('Tea');
    await form.getByRole('textbox', { name: 'Option 2' }).fill('Coffee');
    await form.getByRole('button', { name: 'Add an option' }).click();
    await form.getByRole('textbox', { name: 'Option 3' }).fill('Water');
    await form.getByRole('button', { name: 'Add an option' }).click();
    await form.getByRole('textbox', { name: 'Option 4' }).fill('Juice');
    // The server's limit is four options.
    assert.equal(await form.getByRole('button', { name: 'Add an option' }).isDisabled(), true);
    await form.getByRole('button', { name: 'Remove option 4' }).click();
    assert.equal(await form.getByRole('textbox', { name: /^Option \d$/ }).count(), 3);
    await form.getByRole('combobox', { name: 'Open for' }).selectOption({ label: '3 days' });
    await alice.locator('#compose-text').fill('Tea or coffee?');
    await noSeriousViolations(alice, 'composer with a poll');

    const status = await publish(alice);
    assert.deepEqual(
      status.poll?.options.map((o) => o.title),
      ['Tea', 'Coffee', 'Water'],
    );
    assert.equal(status.poll?.multiple, false);
    const days = (new Date(status.poll!.expires_at).getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 2.9 && days <= 3, `open for three days (${days})`);
    assert.equal(await form.getByRole('group', { name: 'Poll', exact: true }).count(), 0, 'the composer is empty again');

    // Its author sees the results at once.
    await summary(alice, 'Tea or coffee?').getByText('0 people voted').waitFor(WAIT);
    await summary(alice, 'Tea or coffee?').getByText('ends in 3 days').waitFor(WAIT);
    assert.equal(await card(alice, 'Tea or coffee?').getByRole('button', { name: 'Vote' }).count(), 0);
  });

  it('lets a follower vote from the keyboard, shows him the results with his choice, and sends each vote live', async () => {
    const poll = card(bob, 'Tea or coffee?');
    await poll.getByRole('group', { name: 'Poll: choose one answer' }).waitFor(WAIT);
    const vote = poll.getByRole('button', { name: 'Vote', exact: true });
    assert.equal(await vote.isDisabled(), true, 'nothing chosen yet');
    await noSeriousViolations(bob, 'a poll to vote in');
    await poll.getByRole('radio', { name: 'Tea' }).focus();
    await bob.keyboard.press('ArrowDown');
    assert.equal(await poll.getByRole('radio', { name: 'Coffee' }).isChecked(), true);
    await bob.keyboard.press('Tab');
    assert.equal(await focused(vote), true, 'Tab reaches Vote');
    await bob.keyboard.press('Enter');

    const results = poll.getByRole('list', { name: 'Poll results' });
    await results.waitFor(WAIT);
    await summary(bob, 'Tea or coffee?').getByText('1 person voted').waitFor(WAIT);
    assert.equal(await shareOf(bob, 'Tea or coffee?', 'Coffee'), '100%');
    assert.equal(await results.locator('.poll-result', { hasText: 'Coffee' }).getByText('(your choice)').count(), 1);
    assert.equal(await results.getByText('(your choice)').count(), 1);
    assert.equal(await focused(results), true, 'the focus moved to the results');
    await noSeriousViolations(bob, 'poll results');

    // Bob's vote, then Carol's (through the API), reach Alice's card without a reload.
    await summary(alice, 'Tea or coffee?').getByText('1 person voted').waitFor(WAIT);
    const posted = (await call(server.url, '/api/v1/accounts/lookup?acct=alice')).body.id as string;
    const statuses = await call(server.url, `/api/v1/accounts/${posted}/statuses`, { token: tokens.carol });
    const pollId = (statuses.body as Posted[]).find((s) => s.poll?.options[0]?.title === 'Tea')!.poll!.id;
    assert.equal((await call(server.url, `/api/v1/polls/${pollId}/votes`, { method: 'POST', token: tokens.carol, json: { choices: [0] } })).status, 200);
    await summary(alice, 'Tea or coffee?').getByText('2 people voted').waitFor(WAIT);
    assert.equal(await shareOf(alice, 'Tea or coffee?', 'Tea'), '50%');
    assert.equal(await shareOf(alice, 'Tea or coffee?', 'Coffee'), '50%');
    // Bob's card too, his own choice still marked.
    await summary(bob, 'Tea or coffee?').getByText('2 people voted').waitFor(WAIT);
    assert.equal(await card(bob, 'Tea or coffee?').locator('.poll-result', { hasText: 'Coffee' }).getByText('(your choice)').count(), 1);
  });

  it('takes several choices in a multiple-choice poll', async () => {
    const form = composer(alice);
    await form.getByRole('button', { name: 'Poll', exact: true }).click();
    await form.getByRole('textbox', { name: 'Option 1' }).fill('Mountains');
    await form.getByRole('textbox', { name: 'Option 2' }).fill('Sea');
    await form.getByRole('button', { name: 'Add an option' }).click();
    await form.getByRole('textbox', { name: 'Option 3' }).fill('City');
    await form.getByRole('checkbox', { name: 'Allow several choices' }).check();
    await alice.locator('#compose-text').fill('Where to go this summer?');
    assert.equal((await publish(alice)).poll?.multiple, true);

    const poll = card(bob, 'Where to go this summer?');
    await poll.getByRole('group', { name: 'Poll: choose one answer or more' }).waitFor(WAIT);
    await poll.getByRole('checkbox', { name: 'Mountains' }).check();
    await poll.getByRole('checkbox', { name: 'City' }).check();
    await poll.getByRole('button', { name: 'Vote', exact: true }).click();
    await summary(bob, 'Where to go this summer?').getByText('1 person voted').waitFor(WAIT);
    // Shares are of the people who voted: each of his choices has all of them.
    assert.equal(await shareOf(bob, 'Where to go this summer?', 'Mountains'), '100%');
    assert.equal(await shareOf(bob, 'Where to go this summer?', 'City'), '100%');
    assert.equal(await shareOf(bob, 'Where to go this summer?', 'Sea'), '0%');
    assert.equal(await poll.getByText('(your choice)').count(), 2);
  });

  it('shows no totals of a poll hiding them until it ends, and its end live', async () => {
    const created = await call(server.url, '/api/v1/statuses', {
      token: tokens.alice,
      json: { status: 'Secret ballot', poll: { options: ['Yes', 'No'], expires_in: 300, hide_totals: true } },
    });
    assert.equal(created.status, 200);
    const pollId = (created.body as Posted).poll!.id;
    const poll = card(bob, 'Secret ballot');
    await poll.getByRole('radio', { name: 'No' }).check();
    await poll.getByRole('button', { name: 'Vote', exact: true }).click();
    await summary(bob, 'Secret ballot').getByText('1 person voted').waitFor(WAIT);
    assert.equal(await poll.locator('.poll-share').count(), 0, 'no shares before it ends');
    assert.equal(await poll.locator('.poll-result', { hasText: 'No' }).getByText('(your choice)').count(), 1);
    assert.equal(await card(alice, 'Secret ballot').locator('.poll-share').count(), 0, 'not even for its author');

    // Its end brought forward to now, with its job (as test/api/polls.test.ts does).
    const db = server.app.database.pool;
    await db.query(`update polls set expires_at = now() - interval '1 second' where id = $1`, [pollId]);
    await db.query(`update graphile_worker._private_jobs set run_at = now() where payload->>'pollId' = $1`, [pollId]);
    for (const page of [alice, bob]) {
      await summary(page, 'Secret ballot').getByText('Ended').waitFor(WAIT);
      assert.equal(await shareOf(page, 'Secret ballot', 'No'), '100%');
      assert.equal(await shareOf(page, 'Secret ballot', 'Yes'), '0%');
    }
    assert.equal(await poll.locator('.poll-result', { hasText: 'No' }).getByText('(your choice)').count(), 1);
    await noSeriousViolations(bob, 'an ended poll');
  });

  it('keeps the poll through an edit, with its votes, and takes it off', async () => {
    const poll = card(alice, 'Tea or coffee?');
    const edit = async () => {
      await poll.getByRole('button', { name: 'More' }).click();
      await poll.getByRole('button', { name: 'Edit', exact: true }).click();
      const dialog = alice.getByRole('dialog', { name: 'Edit post' });
      await dialog.getByRole('group', { name: 'Poll', exact: true }).waitFor(WAIT);
      return dialog;
    };
    let dialog = await edit();
    assert.equal(await dialog.getByRole('textbox', { name: 'Option 2' }).inputValue(), 'Coffee');
    await dialog.getByRole('textbox', { name: 'Edit post' }).fill('Tea or coffee? Last call');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await card(alice, 'Last call').getByText('2 people voted').waitFor(WAIT);

    dialog = await edit();
    await dialog.getByRole('button', { name: 'Remove the poll' }).click();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await card(alice, 'Last call')
      .locator('.poll')
      .waitFor({ state: 'detached', ...WAIT });
  });

  it('lets a post carry media or a poll, not both', async () => {
    const form = composer(alice);
    await form.locator('input[type=file]').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: await png(20, 20, false) });
    const pollButton = form.getByRole('button', { name: 'Poll', exact: true });
    await form.getByRole('button', { name: 'Remove dot.png' }).waitFor(WAIT);
    assert.equal(await pollButton.isDisabled(), true);
    await form.getByRole('button', { name: 'Remove dot.png' }).click();
    await form.getByRole('button', { name: 'Poll', exact: true, disabled: false }).waitFor(WAIT);
  });
});
