// Scheduled posts through masto.js and megalodon: scheduled with `scheduled_at`, listed a page at a
// time, moved, cancelled, and made by their job at their time (with their uploads and poll), also
// by a server started again after the scheduling one stopped. Time is made to pass by moving the
// post's time and its job's to now, as the job queue would see it later; nothing sleeps.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import generator, { type MegalodonInterface } from 'megalodon';
import { scheduledJobKey, SCHEDULE_LIMITS } from '../../src/core/statuses/scheduled.ts';
import { loadConformance } from '../helpers/conformance.ts';
import { call, signUp } from '../helpers/http.ts';
import { png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** The post's time and its job's brought to now: the job queue makes it as it would at its time. */
async function makeDue(server: TestServer, id: string): Promise<void> {
  const db = server.app.database.pool;
  await db.query(`update scheduled_statuses set scheduled_at = now() where id = $1`, [id]);
  const moved = await db.query(`update graphile_worker._private_jobs set run_at = now() where key = $1`, [scheduledJobKey(id)]);
  assert.equal(moved.rowCount, 1, 'its job is queued');
}

/** The job of a scheduled post: when it runs, or undefined when there is none. */
async function jobTime(server: TestServer, id: string): Promise<Date | undefined> {
  const { rows } = await server.app.database.pool.query(`select run_at from graphile_worker._private_jobs where key = $1`, [scheduledJobKey(id)]);
  return rows[0]?.run_at;
}

describe('scheduled posts', () => {
  let server: TestServer;
  let alice: mastodon.rest.Client;
  let aliceMeg: MegalodonInterface;
  let tokens: { alice: string; bob: string };
  let aliceId: string;

  before(async () => {
    server = await startServer();
    const [a, b] = [await signUp(server.url, 'alice'), await signUp(server.url, 'bob')];
    tokens = { alice: a.token, bob: b.token };
    alice = createRestAPIClient({ url: server.url, accessToken: a.token });
    aliceMeg = generator('mastodon', server.url, a.token);
    aliceId = (await alice.v1.accounts.verifyCredentials()).id;
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  let uploads = 0;
  /** An upload of its own bytes (the same bytes twice would share one file). */
  const upload = async (description: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(64 + ++uploads, 48))], { type: 'image/png' }), 'square.png');
    form.append('description', description);
    const r = await call(server.url, '/api/v2/media', { token: tokens.alice, body: form });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as { id: string; url: string };
  };
  const postedWith = (text: string) => async () => (await alice.v1.accounts.$select(aliceId).statuses.list()).find((s) => s.content.includes(text));

  it('schedules a post: a ScheduledStatus with its parameters, nothing posted yet, its job queued for its time', async () => {
    const at = inMinutes(60);
    const scheduled = await alice.v1.statuses.create({ status: 'See you in an hour', visibility: 'unlisted', spoilerText: 'later', language: 'en', scheduledAt: at });
    assert.equal(new Date(scheduled.scheduledAt).toISOString(), at);
    assert.equal(scheduled.params.text, 'See you in an hour');
    assert.equal(scheduled.params.visibility, 'unlisted');
    assert.equal(scheduled.params.spoilerText, 'later');
    assert.deepEqual(scheduled.mediaAttachments, []);
    assert.ok(scheduled.params.applicationId, 'the app it was scheduled with');
    assert.deepEqual(loadConformance().entity('ScheduledStatus', (await call(server.url, `/api/v1/scheduled_statuses/${scheduled.id}`, { token: tokens.alice })).body), []);
    assert.equal(await postedWith('See you in an hour')(), undefined, 'not posted yet');
    assert.equal((await jobTime(server, scheduled.id))?.toISOString(), at);
    // megalodon tells a scheduled answer from a status too.
    const viaMegalodon = await aliceMeg.postStatus('Also later', { scheduled_at: inMinutes(90) });
    assert.ok('params' in viaMegalodon.data && viaMegalodon.data.params.text === 'Also later');
  });

  it('lists scheduled posts a page at a time, newest first, with Link headers', async () => {
    const made: string[] = [];
    for (const n of [1, 2, 3]) made.push((await alice.v1.statuses.create({ status: `page ${n}`, scheduledAt: inMinutes(120 + n) })).id);
    const first = await call(server.url, '/api/v1/scheduled_statuses?limit=2', { token: tokens.alice });
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.map((s: { id: string }) => s.id),
      [made[2], made[1]],
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    assert.ok(next, first.headers.get('link') ?? 'no Link header');
    const second = await call(server.url, next.slice(server.url.length), { token: tokens.alice });
    assert.equal(second.body[0].id, made[0]);
    // masto.js pages through all of them; megalodon reads them too; nobody else sees them.
    const all: string[] = [];
    for await (const page of alice.v1.scheduledStatuses.list({ limit: 2 })) all.push(...page.map((s) => s.id));
    assert.ok(made.every((id) => all.includes(id)));
    assert.ok((await aliceMeg.getScheduledStatuses()).data.some((s) => s.id === made[0]));
    assert.deepEqual((await call(server.url, '/api/v1/scheduled_statuses', { token: tokens.bob })).body, []);
    assert.equal((await call(server.url, `/api/v1/scheduled_statuses/${made[0]}`, { token: tokens.bob })).status, 404);
  });

  it('moves a scheduled post and its job; too soon or in the past is refused', async () => {
    const scheduled = await alice.v1.statuses.create({ status: 'Move me', scheduledAt: inMinutes(30) });
    const later = inMinutes(600);
    const moved = (await aliceMeg.scheduleStatus(scheduled.id, later)).data;
    assert.equal(new Date(moved.scheduled_at).toISOString(), later);
    assert.equal((await jobTime(server, scheduled.id))?.toISOString(), later);
    assert.equal((await alice.v1.scheduledStatuses.$select(scheduled.id).fetch()).params.text, 'Move me');
    for (const at of [inMinutes(2), inMinutes(-10), 'not a date']) {
      const refused = await call(server.url, `/api/v1/scheduled_statuses/${scheduled.id}`, { method: 'PUT', token: tokens.alice, json: { scheduled_at: at } });
      assert.equal(refused.status, 422, at);
      assert.equal(typeof refused.body.error, 'string');
    }
    assert.equal((await jobTime(server, scheduled.id))?.toISOString(), later, 'unchanged');
    const foreign = await call(server.url, `/api/v1/scheduled_statuses/${scheduled.id}`, { method: 'PUT', token: tokens.bob, json: { scheduled_at: inMinutes(700) } });
    assert.equal(foreign.status, 404);
  });

  it('cancels a scheduled post: it and its job are gone, and it is never posted', async () => {
    const scheduled = await alice.v1.statuses.create({ status: 'Never mind', scheduledAt: inMinutes(45) });
    assert.equal((await call(server.url, `/api/v1/scheduled_statuses/${scheduled.id}`, { method: 'DELETE', token: tokens.bob })).status, 404);
    assert.deepEqual((await aliceMeg.cancelScheduledStatus(scheduled.id)).data, {});
    assert.equal((await call(server.url, `/api/v1/scheduled_statuses/${scheduled.id}`, { token: tokens.alice })).status, 404);
    assert.equal(await jobTime(server, scheduled.id), undefined);
    assert.equal((await call(server.url, `/api/v1/scheduled_statuses/${scheduled.id}`, { method: 'DELETE', token: tokens.alice })).status, 404);
  });

  it('makes the post at its time, with the app, visibility and content warning it was scheduled with', async () => {
    const scheduled = await alice.v1.statuses.create({ status: 'Good morning, scheduled', visibility: 'unlisted', spoilerText: 'greeting', scheduledAt: inMinutes(20) });
    await makeDue(server, scheduled.id);
    const posted = await eventually(postedWith('Good morning, scheduled'), 15_000, 'the scheduled post made');
    assert.equal(posted.visibility, 'unlisted');
    assert.equal(posted.spoilerText, 'greeting');
    assert.equal(posted.application?.name, 'test');
    assert.equal((await call(server.url, `/api/v1/scheduled_statuses/${scheduled.id}`, { token: tokens.alice })).status, 404, 'no longer scheduled');
    assert.equal(await jobTime(server, scheduled.id), undefined);
  });

  it('keeps the uploads of a scheduled post (reserved, past the clean-up) and posts them with it, in order', async () => {
    const [one, two] = [await upload('first'), await upload('second')];
    const scheduled = await alice.v1.statuses.create({ status: 'Pictures, later', mediaIds: [two.id, one.id], scheduledAt: inMinutes(30) });
    assert.deepEqual(
      scheduled.mediaAttachments.map((m) => m.id),
      [two.id, one.id],
    );
    assert.deepEqual(scheduled.params.mediaIds, [two.id, one.id]);
    // Reserved: no other post takes them, and they cannot be deleted.
    assert.equal((await call(server.url, '/api/v1/statuses', { token: tokens.alice, json: { status: 'thief', media_ids: [one.id] } })).status, 422);
    assert.equal((await call(server.url, '/api/v1/statuses', { token: tokens.alice, json: { status: 'again', media_ids: [one.id], scheduled_at: inMinutes(40) } })).status, 422);
    assert.equal((await call(server.url, `/api/v1/media/${one.id}`, { method: 'DELETE', token: tokens.alice })).status, 422);
    // Uploaded two days ago as far as the clean-up knows: it leaves them, and their files.
    await server.app.database.pool.query(`update media_attachments set created_at = now() - interval '2 days' where id = any($1::bigint[])`, [[one.id, two.id]]);
    await server.app.core.media.cleanup.run();
    assert.equal((await call(server.url, `/api/v1/media/${one.id}`, { token: tokens.alice })).status, 200);
    assert.equal((await fetch(one.url, { method: 'HEAD' })).status, 200);
    await makeDue(server, scheduled.id);
    const posted = await eventually(postedWith('Pictures, later'), 15_000, 'the scheduled post made');
    assert.deepEqual(
      posted.mediaAttachments.map((m) => [m.id, m.description]),
      [
        [two.id, 'second'],
        [one.id, 'first'],
      ],
    );
    await server.app.core.media.cleanup.run();
    assert.equal((await fetch(one.url, { method: 'HEAD' })).status, 200, 'attached now');
  });

  it('frees the uploads of a cancelled post for the clean-up', async () => {
    const lone = await upload('dropped');
    const scheduled = await alice.v1.statuses.create({ status: 'Dropped picture', mediaIds: [lone.id], scheduledAt: inMinutes(30) });
    await alice.v1.scheduledStatuses.$select(scheduled.id).remove();
    await server.app.database.pool.query(`update media_attachments set created_at = now() - interval '2 days' where id = $1`, [lone.id]);
    await server.app.core.media.cleanup.run();
    assert.equal((await call(server.url, `/api/v1/media/${lone.id}`, { token: tokens.alice })).status, 404);
    assert.equal((await fetch(lone.url, { method: 'HEAD' })).status, 404);
  });

  it('drops a scheduled reply whose status was deleted meanwhile, as Mastodon', async () => {
    const original = await call(server.url, '/api/v1/statuses', { token: tokens.bob, json: { status: 'Ask me later' } });
    const scheduled = await alice.v1.statuses.create({ status: 'A late answer', inReplyToId: original.body.id, scheduledAt: inMinutes(30) });
    assert.equal(scheduled.params.inReplyToId, original.body.id);
    await call(server.url, `/api/v1/statuses/${original.body.id}`, { method: 'DELETE', token: tokens.bob });
    await makeDue(server, scheduled.id);
    await eventually(async () => (await call(server.url, `/api/v1/scheduled_statuses/${scheduled.id}`, { token: tokens.alice })).status === 404, 15_000, 'the scheduled reply dropped');
    assert.equal(await postedWith('A late answer')(), undefined);
  });

  it('keeps the poll of a scheduled post: it opens when the post is made', async () => {
    const scheduled = await alice.v1.statuses.create({ status: 'Tea later?', poll: { options: ['yes', 'no'], expiresIn: 3600, multiple: true }, scheduledAt: inMinutes(30) });
    assert.deepEqual(scheduled.params, { ...scheduled.params, poll: { options: ['yes', 'no'], expiresIn: 3600, multiple: true, hideTotals: false } });
    await makeDue(server, scheduled.id);
    const posted = await eventually(postedWith('Tea later?'), 15_000, 'the scheduled post made');
    assert.deepEqual(
      posted.poll?.options.map((o) => o.title),
      ['yes', 'no'],
    );
    assert.equal(posted.poll?.multiple, true);
    assert.ok(Math.abs(new Date(posted.poll!.expiresAt!).getTime() - (Date.now() + 3600_000)) < 60_000, 'an hour from its posting');
  });

  it('refuses a time less than five minutes ahead, or no date; posts at once for a time already past (as Mastodon)', async () => {
    const post = (json: Record<string, unknown>) => call(server.url, '/api/v1/statuses', { token: tokens.alice, json: { status: 'When?', ...json } });
    for (const scheduled_at of [inMinutes(4), inMinutes(0.5), 'tomorrow', '2025-13-40T00:00:00Z']) {
      const r = await post({ scheduled_at });
      assert.equal(r.status, 422, scheduled_at);
      assert.match(r.body.error, /Validation failed/);
    }
    const past = await post({ status: 'Posted now, not then', scheduled_at: inMinutes(-60) });
    assert.equal(past.status, 200);
    assert.equal(past.body.content, '<p>Posted now, not then</p>');
    // A post the rules refuse is refused when scheduled, not at its time.
    assert.equal((await post({ status: '', scheduled_at: inMinutes(60) })).status, 422);
    assert.equal((await post({ in_reply_to_id: '1', scheduled_at: inMinutes(60) })).status, 404);
  });

  it('refuses more than 25 posts on one day and more than 300 in all, as Mastodon', async () => {
    const carol = await signUp(server.url, 'carol');
    const carolId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: carol.token })).body.id;
    const db = server.app.database.pool;
    const day = new Date(Date.now() + 10 * 86_400_000);
    day.setUTCHours(12, 0, 0, 0);
    const at = (hours: number) => new Date(day.getTime() + hours * 3600_000).toISOString();
    // The day filled but for one, from the store.
    await db.query(
      `insert into scheduled_statuses (id, account_id, scheduled_at, params)
       select $1::bigint * 1000 + n, $2, $3::timestamptz, '{"text":"filler","visibility":"public","mediaIds":[]}' from generate_series(1, $4::int) n`,
      [Date.now(), carolId, at(-1), SCHEDULE_LIMITS.perDay - 1],
    );
    const schedule = (when: string) => call(server.url, '/api/v1/statuses', { token: carol.token, json: { status: 'busy day', scheduled_at: when } });
    assert.equal((await schedule(at(1))).status, 200);
    const full = await schedule(at(2));
    assert.equal(full.status, 422);
    assert.match(full.body.error, /25 scheduled posts on that day/);
    const nextDay = await schedule(at(24));
    assert.equal(nextDay.status, 200);
    const moveIn = await call(server.url, `/api/v1/scheduled_statuses/${nextDay.body.id}`, { method: 'PUT', token: carol.token, json: { scheduled_at: at(3) } });
    assert.equal(moveIn.status, 422, 'nor moved onto a full day');
    // Up to 300 in all, spread over days.
    await db.query(
      `insert into scheduled_statuses (id, account_id, scheduled_at, params)
       select $1::bigint * 1000 + n, $2, $3::timestamptz + (n / 20) * interval '1 day', '{"text":"filler","visibility":"public","mediaIds":[]}' from generate_series(1, $4::int) n`,
      [Date.now() + 1, carolId, at(48), SCHEDULE_LIMITS.total - SCHEDULE_LIMITS.perDay - 1],
    );
    const over = await schedule(at(24 * 100));
    assert.equal(over.status, 422);
    assert.match(over.body.error, /300 scheduled posts/);
  });
});

describe('scheduled posts across a restart', () => {
  it('are made by the server started again, from the job queued before it stopped', { timeout: 120_000 }, async () => {
    // A web-only process schedules (it runs no jobs), then stops; the next start runs the job.
    const first = await startServer({}, { worker: false });
    const { token } = await signUp(first.url, 'dora');
    const scheduled = await call(first.url, '/api/v1/statuses', { token, json: { status: 'Made after the restart', scheduled_at: inMinutes(30) } });
    assert.equal(scheduled.status, 200, JSON.stringify(scheduled.body));
    await makeDue(first, scheduled.body.id);
    await first.stop({ keepData: true });
    const second = await startServer({}, { restartOf: first });
    try {
      const posted = await eventually(
        async () => {
          const { body } = await call(second.url, '/api/v1/timelines/home', { token });
          return Array.isArray(body) && body.find((s: { content: string }) => s.content.includes('Made after the restart'));
        },
        30_000,
        'the post made after the restart',
      );
      assert.ok(posted);
      assert.equal((await call(second.url, `/api/v1/scheduled_statuses/${scheduled.body.id}`, { token })).status, 404);
      assert.deepEqual([...first.problems, ...second.problems], []);
    } finally {
      await second.stop();
    }
  });
});
