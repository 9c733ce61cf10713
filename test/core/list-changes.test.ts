// Every list verb that changes what an owner's home hears from announces it once committed, and
// what holds that forgets it at once: the audience fan-out keeps for each member of an exclusive
// list, the pulled authors the owner's home reads, and the owner's open streams (told on the bus).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { channel } from '../../src/core/live.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('list verbs forget what they change', () => {
  let server: TestServer;
  let owner: Awaited<ReturnType<typeof signUp>>;
  const ids: Record<string, string> = {};
  let starPost: string;
  const heard: string[] = [];
  let wake = () => {};

  before(async () => {
    // Above two followers an author is pulled: its posts are read into homes, not pushed.
    server = await startServer({ PARLEY_FANOUT_PULL_THRESHOLD: '2' });
    const names = ['owner', 'member', 'star', 'friend', 'fan1', 'fan2'];
    const tokens: Record<string, string> = {};
    for (const name of names) {
      const who = await signUp(server.url, name);
      if (name === 'owner') owner = who;
      tokens[name] = who.token;
      ids[name] = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: who.token })).body.id;
    }
    const follow = (who: string, whom: string) => call(server.url, `/api/v1/accounts/${ids[whom]}/follow`, { method: 'POST', token: tokens[who]! });
    for (const whom of ['member', 'star', 'friend']) await follow('owner', whom);
    for (const fan of ['fan1', 'fan2']) await follow(fan, 'star');
    // The friend's post keeps the owner's feed from being empty (an empty one is rebuilt on every read).
    await call(server.url, '/api/v1/statuses', { token: tokens.friend!, json: { status: 'in the feed' } });
    starPost = (await call(server.url, '/api/v1/statuses', { token: tokens.star!, json: { status: 'pulled' } })).body.id;
    await server.app.jobs.idle();
    assert.equal((await server.app.core.audiences.of([ids.star!])).get(ids.star!)?.pulled, true, 'the star is pulled');
    await server.app.bus.subscribe(channel.relations(ids.owner!), (message) => {
      heard.push(message);
      wake();
    });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  /** Whether the member's remembered audience holds the owner (read, and so remembered, again). */
  const memberPushesToOwner = async () => (await server.app.core.audiences.of([ids.member!])).get(ids.member!)!.followers.includes(ids.owner!);
  const homeShowsStar = async () => ((await call(server.url, '/api/v1/timelines/home', { token: owner.token })).body as { id: string }[]).some((s) => s.id === starPost);
  /** The owner's open streams were told (one message more on its relations channel). */
  async function told(before: number): Promise<void> {
    while (heard.length <= before) await new Promise<void>((r) => (wake = r));
  }
  /** Runs a verb with the caches warm, and waits for the owner's streams to be told. */
  async function verb(run: () => Promise<unknown>): Promise<void> {
    await memberPushesToOwner();
    await homeShowsStar();
    const count = heard.length;
    await run();
    await told(count);
  }

  it('adding and removing accounts, making a list exclusive or not, a new replies policy, deleting', { timeout: 120_000 }, async () => {
    const lists = server.app.core.lists;
    const owned = ids.owner!;
    assert.ok(await memberPushesToOwner());
    assert.ok(await homeShowsStar());
    const list = await lists.create(owned, { title: 'close', exclusive: true });

    await verb(() => lists.addMembers(owned, list.id, [ids.member!, ids.star!]));
    assert.equal(await memberPushesToOwner(), false, 'added to an exclusive list: out of the home');
    assert.equal(await homeShowsStar(), false);

    await verb(() => lists.removeMembers(owned, list.id, [ids.member!, ids.star!]));
    assert.ok(await memberPushesToOwner(), 'removed');
    assert.ok(await homeShowsStar());

    await verb(() => lists.addMembers(owned, list.id, [ids.member!, ids.star!]));
    await verb(() => lists.update(owned, list.id, { exclusive: false }));
    assert.ok(await memberPushesToOwner(), 'no longer exclusive');
    assert.ok(await homeShowsStar());

    await verb(() => lists.update(owned, list.id, { exclusive: true }));
    assert.equal(await memberPushesToOwner(), false, 'exclusive again');
    assert.equal(await homeShowsStar(), false);

    await verb(() => lists.update(owned, list.id, { repliesPolicy: 'none' }));

    await verb(() => lists.remove(owned, list.id));
    assert.ok(await memberPushesToOwner(), 'the list is gone');
    assert.ok(await homeShowsStar());
  });
});
