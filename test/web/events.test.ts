// The web app's rules for live events, against a real server: an announcement's content names its
// event (and no other post's does); the questions sort as the server's `top` order; a question
// from the stream keeps the viewer's vote, and one merged or withdrawn leaves the list; a briefing's
// follow-ups go under the questions they follow; the roles a host and a co-host may give.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Question } from '../../web/src/api/event-types.ts';
import { announcedEventId } from '../../web/src/ui/event-link.ts';
import { rolesToGive } from '../../web/src/ui/event-roles.ts';
import { applyVotes, byVotes, threads, upsert } from '../../web/src/ui/question-list.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('web app: live events logic', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  const post = (path: string, token: string, body: Record<string, unknown> = {}) => call(server.url, `/api/parley/v1${path}`, { method: 'POST', token, json: body });

  it('finds the event an announcement links to, and none in other posts', async () => {
    const host = await signUp(server.url, 'herald');
    const made = await post('/events', host.token, {
      kind: 'qa',
      title: 'Town hall',
      description: 'See https://example.com/events/5 for last year.',
      starts_at: new Date().toISOString(),
      ends_at: new Date(Date.now() + 3600_000).toISOString(),
      hashtag: 'TownHall',
    });
    assert.equal(made.status, 200);
    const announcement = (await call(server.url, `/api/v1/statuses/${made.body.announcement_id}`)).body;
    assert.equal(announcedEventId(announcement.content, server.url), made.body.id);
    // Another server's event, a page under /events that is no event, a plain post: none.
    for (const text of ['Last year: https://example.com/events/5', `Our page: ${server.url}/events/5/feed.rss`, 'Nothing here']) {
      const plain = await call(server.url, '/api/v1/statuses', { method: 'POST', token: host.token, json: { status: text } });
      assert.equal(announcedEventId(plain.body.content, server.url), null, text);
    }
  });

  it("sorts questions as the server's top order, and keeps them current from the stream", async () => {
    const host = await signUp(server.url, 'sorter');
    const voters = await Promise.all(['v1', 'v2', 'v3'].map((name) => signUp(server.url, name)));
    const made = await post('/events', host.token, {
      kind: 'qa',
      title: 'Order',
      starts_at: new Date().toISOString(),
      ends_at: new Date(Date.now() + 3600_000).toISOString(),
      hashtag: 'Order',
      premoderated: false,
    });
    const ids: string[] = [];
    for (const [i, voter] of voters.entries()) ids.push((await post(`/events/${made.body.id}/questions`, voter.token, { text: `Question ${i}` })).body.id);
    // Votes: the last question two, the middle one, the first none.
    await post(`/events/${made.body.id}/questions/${ids[2]}/vote`, voters[0]!.token);
    await post(`/events/${made.body.id}/questions/${ids[2]}/vote`, voters[1]!.token);
    await post(`/events/${made.body.id}/questions/${ids[1]}/vote`, voters[0]!.token);
    await post(`/events/${made.body.id}/questions/${ids[0]}/vote`, voters[2]!.token);
    const top = (await call(server.url, `/api/parley/v1/events/${made.body.id}/questions?order=top`, { token: voters[0]!.token })).body as Question[];
    assert.deepEqual(
      [...top]
        .reverse()
        .sort(byVotes)
        .map((q) => q.id),
      top.map((q) => q.id),
    );
    assert.deepEqual(
      top.map((q) => q.id),
      [ids[2], ids[0], ids[1]],
      'most votes first, then the oldest',
    );

    // A question from the stream has no `voted`: the viewer's stays.
    const mine = top.find((q) => q.id === ids[1])!;
    assert.equal(mine.voted, true);
    const { voted: _, ...streamed } = { ...mine, votes_count: 5 };
    const after = upsert(top, streamed);
    assert.equal(after.find((q) => q.id === ids[1])!.voted, true);
    assert.equal(after.find((q) => q.id === ids[1])!.votes_count, 5);
    assert.deepEqual(after.sort(byVotes)[0]!.id, ids[1]);
    // Merged, or withdrawn: out of the list.
    assert.equal(upsert(after, { ...streamed, state: 'merged' }).length, 2);
    assert.equal(upsert(after, { ...streamed, state: 'withdrawn' }).length, 2);
    // Vote counts, as `event.votes` sends them.
    const counted = applyVotes(top, { [ids[0]!]: 7 });
    assert.equal(counted.find((q) => q.id === ids[0])!.votes_count, 7);
    assert.equal(counted.find((q) => q.id === ids[2])!.votes_count, 2);
  });

  it("puts a briefing's follow-ups under the questions they follow, in the order asked", async () => {
    const host = await signUp(server.url, 'briefer');
    const [pia, jo] = await Promise.all(['pia', 'jo'].map((name) => signUp(server.url, name)));
    const made = await post('/events', host.token, {
      kind: 'briefing',
      title: 'Briefing',
      starts_at: new Date().toISOString(),
      ends_at: new Date(Date.now() + 3600_000).toISOString(),
      hashtag: 'Briefing',
      premoderated: false,
    });
    const event = `/events/${made.body.id}`;
    for (const acct of ['pia', 'jo']) assert.equal((await post(`${event}/participants`, host.token, { acct, role: 'participant' })).status, 200);
    const ask = async (token: string, text: string, followUpOf?: string) => {
      const asked = await post(`${event}/questions`, token, { text, ...(followUpOf ? { follow_up_of: followUpOf } : {}) });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      return asked.body.id as string;
    };
    const answer = async (id: string) => assert.equal((await post(`${event}/questions/${id}/answer`, host.token, { status: 'Answered.' })).status, 200);
    const first = await ask(pia!.token, 'First');
    const second = await ask(jo!.token, 'Second');
    await answer(first);
    const followA = await ask(jo!.token, 'Follow-up A', first);
    const followB = await ask(pia!.token, 'Follow-up B', first);
    await answer(followA);
    const deeper = await ask(pia!.token, 'Deeper', followA);
    const all = (await call(server.url, `/api/parley/v1${event}/questions?order=top`, { token: jo!.token })).body as Question[];
    assert.equal(all.length, 5);
    const shape = (list: ReturnType<typeof threads>): unknown[] => list.map((t) => [t.question.id, shape(t.followUps)]);
    // The follow-ups asked last come first in the server's order: the threads put them back.
    const top = [...all].reverse();
    assert.deepEqual(shape(threads(top)), [
      [second, []],
      [
        first,
        [
          [followA, [[deeper, []]]],
          [followB, []],
        ],
      ],
    ]);
    // A follow-up whose question is not listed (hidden, say) stands on its own.
    assert.deepEqual(
      shape(threads(all.filter((q) => q.id !== first)))
        .map((t) => (t as [string])[0])
        .sort(),
      [second, followA, followB].sort(),
    );
  });

  it('offers the roles each may give: co-hosts by the host alone, participants in briefings', () => {
    assert.deepEqual(rolesToGive('host', 'briefing'), ['cohost', 'moderator', 'participant']);
    assert.deepEqual(rolesToGive('host', 'qa'), ['cohost', 'moderator']);
    assert.deepEqual(rolesToGive('cohost', 'briefing'), ['moderator', 'participant']);
    assert.deepEqual(rolesToGive('moderator', 'briefing'), []);
    assert.deepEqual(rolesToGive(null, 'qa'), []);
  });
});
