// Announcements: published by the administrator (here through the core, as the command does), read,
// dismissed and reacted to through masto.js and megalodon, and heard on the user stream; the answers
// conform to the OpenAPI description.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import generator from 'megalodon';
import { loadConformance } from '../helpers/conformance.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, listening, rawSocket } from '../helpers/streaming.ts';

describe('announcements', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  const publish = async (input: Parameters<TestServer['app']['core']['announcements']['publish']>[0]) => {
    const made = await server.app.core.announcements.publish(input);
    await server.app.jobs.idle();
    return made.id;
  };
  const hour = 3600_000;

  it('lists the active announcements with read and reactions; dismissing and reacting (masto.js)', async () => {
    const [ana, ben] = [await signUp(server.url, 'ana'), await signUp(server.url, 'ben')];
    const now = await publish({ text: 'Maintenance tonight, see https://status.example/ <soon>' });
    const later = await publish({ text: 'Not yet', startsAt: new Date(Date.now() + hour), endsAt: new Date(Date.now() + 2 * hour) });
    const over = await publish({ text: 'Over', startsAt: new Date(Date.now() - 2 * hour), endsAt: new Date(Date.now() - hour) });
    const masto = createRestAPIClient({ url: server.url, accessToken: ana.token });

    const listed = await masto.v1.announcements.list();
    const ids = listed.map((a) => a.id);
    assert.ok(ids.includes(now));
    assert.ok(!ids.includes(later) && !ids.includes(over), 'only the active ones');
    // masto.js's type leaves out `read`, which Mastodon sends to a signed-in user.
    const shown = listed.find((a) => a.id === now)! as (typeof listed)[number] & { read?: boolean };
    assert.equal(shown.read, false);
    assert.match(shown.content, /^<p>Maintenance tonight, see <a href="https:\/\/status\.example\/"[^>]*>status\.example\/<\/a> &lt;soon&gt;<\/p>$/, 'rendered and escaped as a post');
    assert.deepEqual(shown.reactions, []);

    await masto.v1.announcements.$select(now).reactions.$select('👍').update();
    await masto.v1.announcements.$select(now).reactions.$select('👍').update();
    await masto.v1.announcements.$select(now).reactions.$select('🎉').update();
    await createRestAPIClient({ url: server.url, accessToken: ben.token }).v1.announcements.$select(now).reactions.$select('👍').update();
    await masto.v1.announcements.$select(now).reactions.$select('🎉').remove();
    await masto.v1.announcements.$select(now).dismiss();

    const mine = (await masto.v1.announcements.list()).find((a) => a.id === now)! as (typeof listed)[number] & { read?: boolean };
    assert.equal(mine.read, true);
    assert.deepEqual(
      mine.reactions.map((r) => [r.name, r.count, r.me]),
      [['👍', 2, true]],
    );
    const bens = (await call(server.url, '/api/v1/announcements', { token: ben.token })).body.find((a: { id: string }) => a.id === now);
    assert.equal(bens.read, false, 'read is per user');
    assert.deepEqual(bens.reactions, [{ name: '👍', count: 2, me: true }]);
  });

  it('refuses what is not an emoji, unknown or inactive announcements, and anonymous callers (megalodon)', async () => {
    const cleo = await signUp(server.url, 'cleo');
    const id = await publish({ text: 'Hello' });
    const later = await publish({ text: 'Later', startsAt: new Date(Date.now() + hour), endsAt: new Date(Date.now() + 2 * hour) });
    const client = generator('mastodon', server.url, cleo.token);
    assert.ok((await client.getInstanceAnnouncements()).data.some((a) => a.id === id));
    await client.addReactionToAnnouncement(id, '👩🏽‍💻');
    await client.removeReactionFromAnnouncement(id, '👩🏽‍💻');
    await client.dismissInstanceAnnouncement(id);

    const react = (name: string, on = id, method = 'PUT') => call(server.url, `/api/v1/announcements/${on}/reactions/${encodeURIComponent(name)}`, { method, token: cleo.token });
    for (const name of ['blobcat', 'ab', '👍👍']) assert.equal((await react(name)).status, 422, name);
    // Eight different reactions at most; more of one already there are welcome.
    for (const name of ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆']) assert.equal((await react(name)).status, 200, name);
    assert.equal((await react('😇')).status, 422, 'a ninth kind');
    assert.equal((await call(server.url, `/api/v1/announcements/${id}/reactions/${encodeURIComponent('😀')}`, { method: 'PUT', token: (await signUp(server.url, 'cleo2')).token })).status, 200);
    assert.equal((await react('👍', '999')).status, 404);
    assert.equal((await react('👍', later)).status, 404, 'not started yet');
    assert.equal((await react('🙂', id, 'DELETE')).status, 404, 'a reaction never made');
    assert.equal((await call(server.url, `/api/v1/announcements/${later}/dismiss`, { method: 'POST', token: cleo.token })).status, 404);
    assert.equal((await call(server.url, '/api/v1/announcements')).status, 401);
  });

  it('sends announcement, announcement.reaction and announcement.delete on the user stream', async () => {
    const dan = await signUp(server.url, 'dan');
    const socket = await rawSocket(server.url, '?stream=user', [dan.token]);
    await listening(server.app.bus, channel.announcements, socket);
    const id = await publish({ text: 'Streamed news' });
    const published = await socket.next((f) => f.event === 'announcement');
    assert.deepEqual(published.stream, ['user']);
    const entity = JSON.parse(published.payload!);
    assert.equal(entity.id, id);
    assert.equal(entity.read, false);
    assert.deepEqual(loadConformance().entity('Announcement', entity), []);

    await call(server.url, `/api/v1/announcements/${id}/reactions/${encodeURIComponent('🔥')}`, { method: 'PUT', token: dan.token });
    const reaction = await socket.next((f) => f.event === 'announcement.reaction');
    assert.deepEqual(JSON.parse(reaction.payload!), { name: '🔥', count: 1, announcement_id: id });

    await server.app.core.announcements.remove(id);
    await server.app.jobs.idle();
    const removed = await socket.next((f) => f.event === 'announcement.delete');
    assert.equal(removed.payload, id);
    assert.ok(!(await call(server.url, '/api/v1/announcements', { token: dan.token })).body.some((a: { id: string }) => a.id === id));
    socket.ws.close();
  });
});
