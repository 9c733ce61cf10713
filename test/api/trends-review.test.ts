// Trends under PARLEY_TRENDS_REVIEW=manual: nothing is shown until an administrator approves it with
// `parley trends approve` (its function, run on the server's app), and `parley trends pending`
// lists what scores without approval.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import { trendsCommand } from '../../src/cli/trends.ts';
import { UsageError } from '../../src/cli/account.ts';
import { signedUp, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('trends under manual review', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ PARLEY_TRENDS_REVIEW: 'manual' });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const cli = async (...args: string[]) => {
    const lines: string[] = [];
    await trendsCommand(server.app, args, (l) => lines.push(l));
    return lines;
  };

  it('shows statuses, tags and links only once approved', async () => {
    const author = await signedUp(server.url, 'rv_author', { discoverable: true });
    const fans: Person[] = [];
    for (const n of [1, 2]) fans.push(await signedUp(server.url, `rv_fan${n}`, { discoverable: true }));
    const status = (await author.masto.v1.statuses.create({ status: 'Look #ReviewMe https://review.example/page' })).id;
    for (const f of fans) {
      await f.masto.v1.statuses.$select(status).favourite();
      await f.masto.v1.statuses.create({ status: 'Me too #reviewme https://review.example/page' });
    }
    await server.app.core.trends.scoring.run();

    const anonymous = createRestAPIClient({ url: server.url });
    assert.deepEqual(await anonymous.v1.trends.statuses.list(), []);
    assert.deepEqual(await anonymous.v1.trends.tags.list(), []);
    assert.deepEqual(await anonymous.v1.trends.links.list(), []);
    assert.deepEqual(
      (await cli('pending', 'status')).map((l) => l.split('\t')[0]),
      [status],
    );
    assert.equal((await cli('pending', 'links')).length, 1);

    assert.deepEqual(await cli('approve', 'status', status), [`Approved status ${status}.`]);
    await cli('approve', 'tag', '#ReviewMe');
    await cli('approve', 'link', 'HTTPS://review.example/page#x');
    assert.deepEqual(
      (await anonymous.v1.trends.statuses.list()).map((s) => s.id),
      [status],
    );
    assert.deepEqual(
      (await anonymous.v1.trends.tags.list()).map((t) => t.name),
      ['ReviewMe'],
    );
    assert.deepEqual(
      (await anonymous.v1.trends.links.list()).map((l) => l.url),
      ['https://review.example/page'],
    );
    assert.deepEqual(await cli('pending', 'tag'), []);

    await assert.rejects(cli('approve', 'tag', 'nosuchtag'), /no tag/);
    await assert.rejects(cli('approve', 'link', 'ftp://x.example/'), /not an http/);
    await assert.rejects(cli('approve', 'poll', '1'), UsageError);
  });
});
