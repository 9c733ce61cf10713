// The instance's smaller endpoints (rules, privacy policy, terms of service, extended description,
// translation languages, domain blocks, peers, weekly activity) through masto.js, megalodon and raw
// HTTP, and the public pages the instance entity points at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import generator from 'megalodon';
import { createInstanceTexts } from '../../src/core/instance-texts.ts';
import { call, signUp } from '../helpers/http.ts';
import { remoteAccountInput } from '../helpers/remote-account.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const today = () => new Date().toISOString().slice(0, 10);

describe('instance texts, peers and activity', () => {
  let server: TestServer;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-texts-'));
    fs.writeFileSync(path.join(dir, 'rules.txt'), '# our rules\nBe kind.\n  Assume good faith; disagree without contempt.\n\nNo spam.\n');
    fs.writeFileSync(path.join(dir, 'terms.txt'), 'Use this server <kindly>.\n\nSee https://example.org/more for more.');
    server = await startServer({
      PARLEY_INSTANCE_TITLE: 'Harbour',
      PARLEY_INSTANCE_DESCRIPTION: 'A quiet <b>harbour</b> for sailors.',
      PARLEY_INSTANCE_RULES_FILE: path.join(dir, 'rules.txt'),
      PARLEY_TERMS_FILE: path.join(dir, 'terms.txt'),
    });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the rules from the rules file, in the instance entities too', async () => {
    const rules = [
      { id: '1', text: 'Be kind.', hint: 'Assume good faith; disagree without contempt.' },
      { id: '2', text: 'No spam.', hint: '' },
    ];
    assert.deepEqual((await call(server.url, '/api/v1/instance/rules')).body, rules);
    assert.deepEqual((await call(server.url, '/api/v1/instance')).body.rules, rules);
    assert.deepEqual((await call(server.url, '/api/v2/instance')).body.rules, rules);
  });

  it('serves the terms from their file, dated the day they changed, and by that date only', async () => {
    const terms = await call(server.url, '/api/v1/instance/terms_of_service');
    assert.deepEqual(terms.body, {
      effective_date: today(),
      effective: true,
      content: '<p>Use this server &lt;kindly&gt;.</p><p>See <a href="https://example.org/more" target="_blank" rel="nofollow noopener" translate="no">example.org/more</a> for more.</p>',
      succeeded_by: null,
    });
    assert.deepEqual((await call(server.url, `/api/v1/instance/terms_of_service/${today()}`)).body, terms.body);
    for (const date of ['2001-01-01', 'yesterday']) assert.equal((await call(server.url, `/api/v1/instance/terms_of_service/${date}`)).status, 404, date);
  });

  it('makes a privacy policy for the instance when none is given, and dates the texts when they change', async () => {
    const policy = await call(server.url, '/api/v1/instance/privacy_policy');
    assert.match(policy.body.content, new RegExp(`Harbour \\(${new URL(server.url).host.replace('.', '\\.')}\\)`));
    assert.ok(Date.now() - Date.parse(policy.body.updated_at) < 3_600_000, 'dated when first seen');
    const description = await call(server.url, '/api/v1/instance/extended_description');
    assert.equal(description.body.content, '<p>A quiet &lt;b&gt;harbour&lt;/b&gt; for sailors.</p>');
    assert.equal((await call(server.url, '/api/v1/instance/extended_description')).body.updated_at, description.body.updated_at, 'the same date on every read');
    // Another process with another description moves the date; one with the same text keeps it.
    const { config } = server.app;
    const db = server.app.database.db;
    const same = await createInstanceTexts({ db, config }).text('extended_description');
    assert.equal(same.updatedAt.toISOString(), description.body.updated_at);
    const changed = await createInstanceTexts({ db, config: { ...config, instance: { ...config.instance, description: 'A busier harbour.' } } }).text('extended_description');
    assert.ok(changed.updatedAt.getTime() > Date.parse(description.body.updated_at));
  });

  it('has no translation languages nor server domain blocks (masto.js)', async () => {
    const client = createRestAPIClient({ url: server.url });
    assert.deepEqual(await client.v1.instance.translationLanguages.list(), {});
    assert.deepEqual(await client.v1.instance.domainBlocks.fetch(), []);
  });

  it('lists the servers it knows and counts the weeks from real data (megalodon)', async () => {
    await server.app.core.remoteAccounts.upsert(remoteAccountInput('sailor', 'port.example'));
    const { token } = await signUp(server.url, 'skipper');
    await call(server.url, '/api/v1/statuses', { token, json: { status: 'ahoy' } });
    await call(server.url, '/api/v1/statuses', { token, json: { status: 'quietly', visibility: 'private' } });
    const client = generator('mastodon', server.url);
    assert.deepEqual((await client.getInstancePeers()).data, ['port.example']);
    const weeks = (await client.getInstanceActivity()).data;
    assert.equal(weeks.length, 12);
    for (const w of weeks) assert.equal(new Date(Number(w.week) * 1000).toISOString().slice(10), 'T00:00:00.000Z');
    assert.equal(new Date(Number(weeks[0]!.week) * 1000).getUTCDay(), 1, 'weeks start on Monday');
    assert.ok(Date.now() / 1000 - Number(weeks[0]!.week) < 7 * 86_400, 'newest first');
    assert.deepEqual([weeks[0]!.statuses, weeks[0]!.logins, weeks[0]!.registrations], ['1', '1', '1']);
    assert.ok(weeks.slice(1).every((w) => w.statuses === '0' && w.registrations === '0'));
  });

  it('serves the pages the instance entity points at', async () => {
    const { urls } = (await call(server.url, '/api/v2/instance')).body.configuration;
    for (const [url, text] of [
      [urls.privacy_policy, 'What is kept'],
      [urls.terms_of_service, 'Use this server &lt;kindly&gt;'],
      [urls.about, 'Assume good faith'],
    ] as const) {
      const page = await fetch(url);
      assert.equal(page.status, 200, url);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.ok((await page.text()).includes(text), url);
    }
  });
});
