// Private conversations and the direct timeline, through masto.js and megalodon: a direct message
// opens a conversation for its author (read) and its recipient (unread), a reply turns it round,
// reading and leaving work per account, a deleted message falls back to the one before, a recipient
// who blocks the author gets none, and nobody outside sees anything.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import generator from 'megalodon';
import { call } from '../helpers/http.ts';
import { type Person, signedUp } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('private conversations', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const person = (name: string): Promise<Person> => signedUp(server.url, name);
  const dm = async (from: Person, text: string, inReplyToId?: string) =>
    (await call(server.url, '/api/v1/statuses', { token: from.token, json: { status: text, visibility: 'direct', in_reply_to_id: inReplyToId } })).body.id as string;
  const conversations = async (who: Person) =>
    (await who.masto.v1.conversations.list({ limit: 40 })).map((c) => ({ id: c.id, unread: c.unread, last: c.lastStatus?.id, with: c.accounts.map((a) => a.username).sort() }));
  /** After fan-out: the conversation whose newest message is `statusId`, as `who` sees it. */
  const seen = (who: Person, statusId: string) => eventually(async () => (await conversations(who)).find((c) => c.last === statusId), 10_000, `${who.name} sees ${statusId}`);

  it('opens a conversation for both sides, unread for the recipient, turned round by a reply (masto.js)', async () => {
    const [amira, bruno] = [await person('amira'), await person('bruno')];
    const first = await dm(amira, '@bruno can we talk about the visit?');
    assert.deepEqual(await seen(bruno, first), { id: (await seen(bruno, first)).id, unread: true, last: first, with: ['amira'] });
    const mine = await seen(amira, first);
    assert.equal(mine.unread, false, "the author's own message is read");
    assert.deepEqual(mine.with, ['bruno']);

    const reply = await dm(bruno, '@amira yes, tomorrow', first);
    const hers = await seen(amira, reply);
    assert.equal(hers.id, mine.id, 'the same conversation');
    assert.equal(hers.unread, true);
    assert.equal((await seen(bruno, reply)).unread, false, 'replying reads it');

    const read = await amira.masto.v1.conversations.$select(hers.id).read();
    assert.equal(read.unread, false);
    assert.equal(read.lastStatus?.id, reply);
    assert.equal((await conversations(bruno)).length, 1);
  });

  it('pages with Link headers, reads and leaves through megalodon; a new message brings it back', async () => {
    const [chen, dana] = [await person('chen'), await person('dana')];
    await person('emil');
    const toDana = await dm(chen, '@dana first thread');
    const toEmil = await dm(chen, '@emil second thread');
    await seen(chen, toDana);
    await seen(chen, toEmil);
    const page = await call(server.url, '/api/v1/conversations?limit=1', { token: chen.token });
    assert.equal(page.body.length, 1);
    assert.equal(page.body[0].last_status.id, toEmil, 'newest first');
    const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    assert.ok(next, 'a next link');
    const older = await call(server.url, new URL(next).pathname + new URL(next).search, { token: chen.token });
    assert.deepEqual(
      older.body.map((c: { last_status: { id: string } }) => c.last_status.id),
      [toDana],
    );

    const client = generator('mastodon', server.url, dana.token);
    const listed = (await client.getConversationTimeline()).data;
    assert.equal(listed.length, 1);
    assert.equal(listed[0]!.unread, true);
    assert.equal((await client.readConversation(listed[0]!.id)).data.unread, false);
    await client.deleteConversation(listed[0]!.id);
    assert.equal((await client.getConversationTimeline()).data.length, 0, 'left');
    const again = await dm(chen, '@dana are you there?');
    assert.equal((await seen(dana, again)).unread, true, 'back, unread');
  });

  it('falls back to the message before when the newest is deleted, and goes when none is left', async () => {
    const [fay, gus] = [await person('fay'), await person('gus')];
    const one = await dm(fay, '@gus one');
    await seen(gus, one);
    const two = await dm(fay, '@gus two', one);
    await seen(gus, two);
    await call(server.url, `/api/v1/statuses/${two}`, { method: 'DELETE', token: fay.token });
    await seen(gus, one);
    await call(server.url, `/api/v1/statuses/${one}`, { method: 'DELETE', token: fay.token });
    await eventually(async () => (await conversations(gus)).length === 0, 10_000, 'the conversation goes');
    assert.deepEqual(await conversations(fay), []);
  });

  it('gives nothing to outsiders or to a recipient who blocks the author; others cannot touch it', async () => {
    const [hana, ivan, jo] = [await person('hana'), await person('ivan'), await person('jo')];
    await call(server.url, `/api/v1/accounts/${hana.id}/block`, { method: 'POST', token: ivan.token });
    const blocked = await dm(hana, '@ivan hello?');
    const toJo = await dm(hana, '@jo hello');
    await seen(jo, toJo);
    await seen(hana, blocked);
    await server.app.jobs.idle();
    assert.deepEqual(await conversations(ivan), [], 'the blocker gets no conversation');
    assert.deepEqual((await call(server.url, '/api/v1/timelines/direct', { token: ivan.token })).body, [], 'nor the message in the direct timeline');
    const outsider = await person('kim');
    assert.deepEqual(await conversations(outsider), []);
    const theirs = (await conversations(jo))[0]!;
    assert.equal((await call(server.url, `/api/v1/conversations/${theirs.id}/read`, { method: 'POST', token: outsider.token })).status, 404);
    assert.equal((await call(server.url, `/api/v1/conversations/${theirs.id}`, { method: 'DELETE', token: outsider.token })).status, 404);
    assert.equal((await call(server.url, '/api/v1/conversations/not-an-id/read', { method: 'POST', token: jo.token })).status, 404);
    assert.equal((await call(server.url, '/api/v1/conversations', {})).status, 401);
  });

  it('lists direct messages in the direct timeline, and nothing else', async () => {
    const [lea, max] = [await person('lea'), await person('max')];
    const sent = await dm(lea, '@max a private word');
    await call(server.url, '/api/v1/statuses', { token: lea.token, json: { status: '@max a public word', visibility: 'public' } });
    const received = await call(server.url, '/api/v1/timelines/direct', { token: max.token });
    assert.deepEqual(
      received.body.map((s: { id: string }) => s.id),
      [sent],
    );
    const own = await lea.masto.v1.timelines.direct.list();
    assert.deepEqual(
      own.map((s) => s.id),
      [sent],
    );
    const outsider = await person('noa');
    assert.deepEqual((await call(server.url, '/api/v1/timelines/direct', { token: outsider.token })).body, []);
  });
});
