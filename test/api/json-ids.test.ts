// Ids sent as JSON numbers are read exactly. Mastodon.py holds ids as integers and sends them so
// ("last_read_id": 117740905082192922); JSON.parse alone rounds such a number to another id. The
// bodies here are written by hand, as such a client writes them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseJson } from '../../src/api/exact-json.ts';
import { call, signUp } from '../helpers/http.ts';
import { mastodonPyMissing, runMastodonPy } from '../helpers/mastodonpy.ts';
import { png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, listening, rawSocket } from '../helpers/streaming.ts';

describe('the exact JSON parser', () => {
  it('keeps integers past Number.MAX_SAFE_INTEGER as their digits and leaves every other value alone', () => {
    assert.deepEqual(parseJson('{"a":117740905082192922,"b":[-9007199254740993,9007199254740991],"c":1.5,"d":1e21,"e":"117740905082192922","f":12345678901234567890.5}'), {
      a: '117740905082192922',
      b: ['-9007199254740993', 9007199254740991],
      c: 1.5,
      d: 1e21,
      e: '117740905082192922',
      f: Number('12345678901234567890.5'),
    });
    assert.deepEqual(parseJson('{"limit":40,"nested":{"ids":[1,2]}}'), { limit: 40, nested: { ids: [1, 2] } });
    assert.throws(() => parseJson('{"a":117740905082192922'), SyntaxError);
  });
});

describe('ids sent as JSON numbers', () => {
  let server: TestServer;
  let alice: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;
  let bobId: string;

  before(async () => {
    server = await startServer();
    [alice, bob] = [await signUp(server.url, 'alice'), await signUp(server.url, 'bob')];
    bobId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: bob.token })).body.id;
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  /** A JSON body written as given (numbers stay numbers). */
  const raw = (path: string, body: string, token = alice.token, method = 'POST') => call(server.url, path, { method, token, body, headers: { 'content-type': 'application/json' } });

  it('stores markers exactly', async () => {
    const saved = await raw('/api/v1/markers', '{"home":{"last_read_id":117740905082192922},"notifications":{"last_read_id":117740905082192923}}');
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.home.last_read_id, '117740905082192922');
    const read = await call(server.url, '/api/v1/markers?timeline[]=home&timeline[]=notifications', { token: alice.token });
    assert.equal(read.body.home.last_read_id, '117740905082192922');
    assert.equal(read.body.notifications.last_read_id, '117740905082192923');
  });

  it('attaches media_ids and answers in_reply_to_id given as numbers; refuses a number too large for its parameter', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(48, 32, false))]), 'dot.png');
    const media = (await call(server.url, '/api/v2/media', { token: alice.token, body: form })).body.id as string;
    const parent = (await call(server.url, '/api/v1/statuses', { token: bob.token, json: { status: 'first' } })).body.id as string;
    const reply = await raw('/api/v1/statuses', `{"status":"@bob a picture","in_reply_to_id":${parent},"media_ids":[${media}]}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.in_reply_to_id, parent);
    assert.deepEqual(
      reply.body.media_attachments.map((m: { id: string }) => m.id),
      [media],
    );
    const edited = await raw(`/api/v1/statuses/${reply.body.id}`, `{"status":"@bob the same picture","media_ids":[${media}]}`, alice.token, 'PUT');
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.media_attachments[0].id, media);
    const tooLong = await raw('/api/v1/statuses', '{"status":"when?","poll":{"options":["now","later"],"expires_in":100000000000000000000}}');
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.body.error, /poll\.expires_in/);
  });

  it('adds list members from account_ids given as numbers, and streams a list named by a number', async () => {
    await call(server.url, `/api/v1/accounts/${bobId}/follow`, { method: 'POST', token: alice.token });
    const list = (await call(server.url, '/api/v1/lists', { token: alice.token, json: { title: 'Numbers' } })).body.id as string;
    const added = await raw(`/api/v1/lists/${list}/accounts`, `{"account_ids":[${bobId}]}`);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    const members = await call(server.url, `/api/v1/lists/${list}/accounts`, { token: alice.token });
    assert.deepEqual(
      members.body.map((a: { id: string }) => a.id),
      [bobId],
    );
    const socket = await rawSocket(server.url, `?access_token=${alice.token}`);
    socket.ws.send(`{"type":"subscribe","stream":"list","list":${list}}`);
    // The list stream, and only it, hears its member's channel.
    await listening(server.app.bus, channel.author(bobId), socket);
    assert.ok(!socket.frames.some((f) => f.error), JSON.stringify(socket.frames));
    assert.ok(socket.frames.some((f) => f.stream?.[0] === 'list' && f.stream[1] === list));
    socket.ws.close();
  });

  it("stores the marker Mastodon.py's markers_set sends", { skip: mastodonPyMissing }, async () => {
    const status = (await call(server.url, '/api/v1/statuses', { token: alice.token, json: { status: 'read up to here' } })).body.id as string;
    const { set, get } = await runMastodonPy('markers', ['home', status], { url: server.url, token: alice.token });
    assert.equal(set.home.last_read_id, status);
    assert.equal(get.home.last_read_id, status);
    const read = await call(server.url, '/api/v1/markers?timeline[]=home', { token: alice.token });
    assert.equal(read.body.home.last_read_id, status);
  });
});
