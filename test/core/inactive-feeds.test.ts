// Home feeds of users away for long are not written by fan-out; coming back rebuilds them at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('feeds of inactive users (PARLEY_FEED_INACTIVE_DAYS=14)', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ PARLEY_FEED_INACTIVE_DAYS: '14' });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('skips a follower away for a month, and gives them a full home timeline when they return', async () => {
    const herald = await signUp(server.url, 'herald');
    const reader = await signUp(server.url, 'reader');
    const sleeper = await signUp(server.url, 'sleeper');
    const heraldId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: herald.token })).body.id;
    const sleeperId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: sleeper.token })).body.id;
    const readerId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: reader.token })).body.id;
    for (const who of [reader, sleeper]) await call(server.url, `/api/v1/accounts/${heraldId}/follow`, { method: 'POST', token: who.token });
    const before = await call(server.url, '/api/v1/statuses', { token: herald.token, json: { status: 'while everyone is here' } });
    await server.app.jobs.idle();
    assert.ok((await server.app.core.fanout.recipients(before.body.id)).includes(sleeperId));

    await server.app.database.pool.query(`update users set last_active_at = now() - interval '30 days' where account_id = $1`, [sleeperId]);
    // Thirty days would have outlived the few seconds a token's user is remembered for, and the
    // minute an author's audience is.
    await server.app.core.access.changed({ accountId: sleeperId });
    await server.app.core.audiences.forgetAll();
    const away = await call(server.url, '/api/v1/statuses', { token: herald.token, json: { status: 'while the sleeper is away' } });
    await server.app.jobs.idle();
    const recipients = await server.app.core.fanout.recipients(away.body.id);
    assert.ok(recipients.includes(readerId), 'active followers are pushed to');
    assert.ok(!recipients.includes(sleeperId), 'a follower away for 30 days is not');

    // Back: the first request notes the return, the stale feed goes, the home timeline is rebuilt.
    const home = (await call(server.url, '/api/v1/timelines/home', { token: sleeper.token })).body as { id: string }[];
    assert.deepEqual(home.map((s) => s.id).slice(0, 2), [away.body.id, before.body.id]);
    const { rows } = await server.app.database.pool.query(`select last_active_at > now() - interval '1 minute' as fresh from users where account_id = $1`, [sleeperId]);
    assert.equal(rows[0].fresh, true);
    const next = await call(server.url, '/api/v1/statuses', { token: herald.token, json: { status: 'welcome back' } });
    await server.app.jobs.idle();
    assert.ok((await server.app.core.fanout.recipients(next.body.id)).includes(sleeperId), 'pushed to again once back');
  });
});
