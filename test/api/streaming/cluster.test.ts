// Several processes: two web processes and a worker share PostgreSQL and Redis; an event caused on
// one web process reaches a streaming client connected to the other, and a token, a status or an
// account changed through one is forgotten by the other.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { createRedisBus } from '../../../src/infra/bus.ts';
import { connectRedis } from '../../../src/infra/redis.ts';
import { call, signUp } from '../../helpers/http.ts';
import { childPids, freePort, MAIN, processStat, ready } from '../../helpers/processes.ts';
import { eventually } from '../../helpers/wait.ts';
import { EXTERNAL_REDIS, sharedDatabase } from '../../helpers/server.ts';
import { channel, deletes, listening } from '../../helpers/streaming.ts';

describe('streaming across processes (Redis bus)', { skip: EXTERNAL_REDIS ? false : 'set PARLEY_TEST_REDIS_URL to run the multi-process test' }, () => {
  const children: ChildProcess[] = [];
  let database: { url: string; close(): Promise<void> };
  let web1: string;
  let web2: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    database = await sharedDatabase();
    const databaseUrl = database.url;
    const [p1, p2] = [await freePort(), await freePort()];
    const origin = `http://127.0.0.1:${p1}`;
    env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: EXTERNAL_REDIS!,
      PARLEY_REDIS_PREFIX: `parley-cluster:${randomUUID()}:`,
      PARLEY_ORIGIN: origin,
      HOST: '127.0.0.1',
      PARLEY_RATE_LIMIT_API: '100000/300',
      PARLEY_RATE_LIMIT_SIGN_UP: '100000/300',
      PARLEY_RATE_LIMIT_TOKEN: '100000/300',
    };
    // The first web process migrates; the others start once it is up.
    const run = (role: string, port?: number) => {
      const child = spawn(process.execPath, [MAIN, role], { env: { ...env, ...(port ? { PORT: String(port) } : {}) }, stdio: ['ignore', 'ignore', 'inherit'] });
      children.push(child);
    };
    run('web', p1);
    web1 = `http://127.0.0.1:${p1}`;
    await ready(`${web1}/api/v1/instance`);
    run('web', p2);
    run('worker');
    web2 = `http://127.0.0.1:${p2}`;
    await ready(`${web2}/api/v1/instance`);
  });

  after(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
    await database?.close();
  });

  it('delivers a post made through web process 1, fanned out by the worker, to a stream open on web process 2', async () => {
    const author = await signUp(web1, 'clusterauthor');
    const reader = await signUp(web1, 'clusterreader');
    const authorId = (await call(web1, '/api/v1/accounts/verify_credentials', { token: author.token })).body.id;
    await call(web2, `/api/v1/accounts/${authorId}/follow`, { method: 'POST', token: reader.token });

    const ws = new WebSocket(`${web2.replace('http', 'ws')}/api/v1/streaming?stream=user`, [reader.token]);
    const frames: { event: string; payload: string }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    // The stream listens once a probe published on the shared bus reaches it.
    const redis = await connectRedis(EXTERNAL_REDIS!);
    try {
      const bus = await createRedisBus(redis, env.PARLEY_REDIS_PREFIX!);
      await listening(bus, channel.author(authorId), (probe) => frames.some(deletes(probe)));
      await bus.close();
    } finally {
      redis.disconnect();
    }

    const post = await call(web1, '/api/v1/statuses', { token: author.token, json: { status: 'across processes' } });
    assert.equal(post.status, 200);
    const update = await eventually(async () => frames.find((f) => f.event === 'update'), 10_000, 'the update on the other process');
    assert.equal(JSON.parse(update.payload).id, post.body.id);

    await call(web1, `/api/v1/statuses/${post.body.id}/favourite`, { method: 'POST', token: reader.token });
    ws.close();
  });

  it('shares a live event between processes: a question taken by the worker and approved on one reaches viewers on the other; votes through both are counted exactly', async () => {
    const host = await signUp(web1, 'clusterhost');
    const voters = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(web1, `clustervoter${i}`)));
    const made = await call(web1, '/api/parley/v1/events', {
      token: host.token,
      json: { kind: 'qa', title: 'Shared', starts_at: new Date(Date.now() - 1000).toISOString(), ends_at: new Date(Date.now() + 3600_000).toISOString(), hashtag: 'cluster' },
    });
    const eventId = made.body.id as string;
    const ws = new WebSocket(`${web2.replace('http', 'ws')}/api/v1/streaming?stream=event&event=${eventId}`);
    const frames: { event: string; payload: string }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const redis = await connectRedis(EXTERNAL_REDIS!);
    try {
      const bus = await createRedisBus(redis, env.PARLEY_REDIS_PREFIX!);
      const probe = String(Date.now());
      await eventually(async () => {
        await bus.publish(channel.event(eventId), JSON.stringify({ event: 'event.question.delete', id: probe }));
        return frames.some((f) => f.event === 'event.question.delete' && f.payload.includes(probe));
      });
      await bus.close();
    } finally {
      redis.disconnect();
    }
    // Asked by replying through web process 1; the worker takes it.
    const reply = await call(web1, '/api/v1/statuses', { token: voters[0]!.token, json: { status: 'Asked across processes?', in_reply_to_id: made.body.announcement_id } });
    const question = await eventually(
      async () => (await call(web1, `/api/parley/v1/events/${eventId}/questions?state[]=pending`, { token: host.token })).body.find((q: { status_id: string }) => q.status_id === reply.body.id),
      10_000,
      'the question',
    );
    await call(web1, `/api/parley/v1/events/${eventId}/questions/${question.id}/approve`, { method: 'POST', token: host.token });
    await eventually(async () => frames.find((f) => f.event === 'event.question' && JSON.parse(f.payload).id === question.id), 10_000, 'the approved question on the other process');
    const votes = await Promise.all(voters.map((v, i) => call(i % 2 ? web2 : web1, `/api/parley/v1/events/${eventId}/questions/${question.id}/vote`, { method: 'POST', token: v.token, json: {} })));
    assert.deepEqual(
      votes.map((v) => v.status),
      [200, 200, 200, 200, 200, 200],
    );
    assert.equal((await call(web2, `/api/parley/v1/events/${eventId}/questions/${question.id}`)).body.votes_count, 6);
    await eventually(async () => frames.some((f) => f.event === 'event.votes' && JSON.parse(f.payload).counts[question.id] === 6), 10_000, 'the count of 6 on the stream');
    ws.close();
  });

  it('forgets on every process who a token speaks for once it changes on one (well within the few seconds it is remembered)', async () => {
    const user = await signUp(web1, 'clustertoken');
    for (const web of [web1, web2]) assert.equal((await call(web, '/api/v1/accounts/verify_credentials', { token: user.token })).body.source.privacy, 'public');
    const changedAt = Date.now();
    await call(web1, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, json: { source: { privacy: 'private' } } });
    await eventually(async () => (await call(web2, '/api/v1/accounts/verify_credentials', { token: user.token })).body.source.privacy === 'private', 1500, 'the new default on the other process');
    const revoked = await call(web1, '/oauth/revoke', { form: { client_id: user.clientId, client_secret: user.clientSecret, token: user.token } });
    assert.equal(revoked.status, 200);
    await eventually(async () => (await call(web2, '/api/v1/accounts/verify_credentials', { token: user.token })).status === 401, 1500, 'a 401 on the other process');
    assert.ok(Date.now() - changedAt < 5_000);
  });

  it('shows on every process a status or an account changed on one (the shared caches forget it everywhere)', async () => {
    const author = await signUp(web1, 'clustercache');
    const fan = await signUp(web1, 'clustercachefan');
    const authorId = (await call(web1, '/api/v1/accounts/verify_credentials', { token: author.token })).body.id;
    const post = await call(web1, '/api/v1/statuses', { token: author.token, json: { status: 'cached everywhere' } });
    const path = `/api/v1/statuses/${post.body.id}`;
    // Both processes read it, so both keep it.
    for (const web of [web1, web2]) assert.equal((await call(web, path, { token: fan.token })).body.favourites_count, 0);

    await call(web1, `${path}/favourite`, { method: 'POST', token: fan.token });
    await eventually(async () => (await call(web2, path, { token: author.token })).body.favourites_count === 1, 1500, 'the new count on the other process');
    await call(web1, `/api/v1/statuses/${post.body.id}`, { method: 'PUT', token: author.token, json: { status: 'cached everywhere, edited' } });
    await eventually(async () => String((await call(web2, path, { token: fan.token })).body.content).includes('edited'), 1500, 'the edit on the other process');
    await call(web1, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: author.token, json: { display_name: 'Renamed' } });
    await eventually(async () => (await call(web2, path, { token: fan.token })).body.account.display_name === 'Renamed', 1500, 'the new name on the other process');
    assert.equal((await call(web2, path, { token: fan.token })).body.account.id, authorId);
    // Counted by the worker, which hands the new counts to the processes that hold the account.
    const count = (await call(web2, path, { token: fan.token })).body.account.statuses_count as number;
    await call(web1, '/api/v1/statuses', { token: author.token, json: { status: 'one more' } });
    await eventually(async () => (await call(web2, path, { token: fan.token })).body.account.statuses_count === count + 1, 3000, 'the new count on the other process');
    await call(web1, path, { method: 'DELETE', token: author.token });
    await eventually(async () => (await call(web2, path, { token: fan.token })).status === 404, 1500, 'a 404 on the other process');
  });

  it('runs more web processes on one port (PARLEY_WEB_PROCESSES), starts again one that dies, stops them with the first', async () => {
    const port = await freePort();
    const primary = spawn(process.execPath, [MAIN, 'start'], { env: { ...env, PORT: String(port), PARLEY_WEB_PROCESSES: '2' }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(primary);
    const url = `http://127.0.0.1:${port}`;
    await ready(`${url}/api/v1/instance`);
    await eventually(async () => listeners(port) === 2 && childPids(primary.pid!).length === 1, 30_000, 'a second process listening on the port');
    const [first] = childPids(primary.pid!);

    // Each request on a connection of its own: the kernel hands them to either process, and every
    // one sees what the others wrote.
    const user = await signUp(url, 'reuseport');
    const posted: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await fresh(url, '/api/v1/statuses', user.token, { status: `post ${i}` });
      assert.equal(r.status, 200);
      posted.push(JSON.parse(r.body).id);
      const read = await fresh(url, `/api/v1/statuses/${posted[i]}`, user.token);
      assert.equal(read.status, 200);
    }

    process.kill(first!, 'SIGKILL');
    await eventually(async () => listeners(port) === 2 && childPids(primary.pid!).some((pid) => pid !== first), 30_000, 'the web process started again');
    assert.equal((await fresh(url, '/api/v1/instance')).status, 200);

    const [second] = childPids(primary.pid!);
    const born = processStat(second!)!.started;
    primary.kill('SIGTERM');
    await new Promise((r) => (primary.exitCode !== null || primary.signalCode !== null ? r(null) : primary.once('exit', r)));
    // Gone, or dead and not reaped (Z) by an init that does not reap, as in some containers; a
    // process with the same pid but a later start is another one (pids are reused).
    const after = processStat(second!);
    assert.ok(!after || after.started !== born || after.state === 'Z', `no web process outlives the first (state ${after?.state}, the first exited with ${primary.exitCode ?? primary.signalCode})`);
    // Its own shutdown ran to its end (no library's signal handler exited first, 143).
    assert.equal(primary.exitCode, 0);
  });

  it('stops the other web processes when the first dies without stopping them', async () => {
    const port = await freePort();
    const primary = spawn(process.execPath, [MAIN, 'start'], { env: { ...env, PORT: String(port), PARLEY_WEB_PROCESSES: '2' }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(primary);
    await ready(`http://127.0.0.1:${port}/api/v1/instance`);
    await eventually(async () => listeners(port) === 2 && childPids(primary.pid!).length === 1, 30_000, 'a second process listening on the port');
    const [web] = childPids(primary.pid!);
    const born = processStat(web!)!.started;
    primary.kill('SIGKILL');
    await eventually(
      async () => {
        const now = processStat(web!);
        return !now || now.started !== born || now.state === 'Z';
      },
      15_000,
      'the web process to stop once the first is gone',
    );
  });
});

/** Sockets listening on this port (IPv4), as the kernel lists them. */
function listeners(port: number): number {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[1]?.endsWith(hex) && fields[3] === '0A';
    }).length;
}

/** A request on a new connection (fetch would reuse one, always reaching the same process). */
function fresh(base: string, path: string, token?: string, json?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const req = http.request(
      new URL(path, base),
      {
        agent: false,
        method: body ? 'POST' : 'GET',
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}
