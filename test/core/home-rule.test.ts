// The home rule's table of cases (see src/core/timelines/home-rule.ts), each run against every form
// the rule takes: in memory (what open home and list streams show: showsInHome / showsInList and
// hidesAny), fan-out's SQL on a real PostgreSQL (who a post is pushed to), and the SQL of the home
// page rebuilt from the follows and of the list pages (followedPage, then the views' filter).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { hidesAny, routeOf, showsInHome, showsInList } from '../../src/core/timelines/home-rule.ts';
import type { RepliesPolicy } from '../../src/store/schema/index.ts';
import type { User } from '../../src/core/accounts/service.ts';

type ListName = 'members' | 'followedReplies' | 'noReplies' | 'exclusive';
// Each list is the viewer's; `members` answers replies to its members, `exclusive` keeps eve out of home.
const LISTS: Record<ListName, { members: string[]; repliesPolicy: RepliesPolicy; exclusive: boolean }> = {
  members: { members: ['anna', 'ben'], repliesPolicy: 'list', exclusive: false },
  followedReplies: { members: ['anna'], repliesPolicy: 'followed', exclusive: false },
  noReplies: { members: ['anna'], repliesPolicy: 'none', exclusive: false },
  exclusive: { members: ['eve'], repliesPolicy: 'list', exclusive: true },
};

interface Case {
  rule: string;
  /** the status, by name (see `post` below) */
  status: string;
  /** at home: in memory (streams), pushed by fan-out, and on the rebuilt home page */
  home: boolean;
  /** the lists that show it (the others do not) */
  lists?: ListName[];
  /** where one form answers otherwise today */
  page?: boolean;
  /** direct messages are never on an author's channel: the in-memory form does not see them */
  notStreamed?: true;
}

// The viewer `me` follows anna (plainly), ben (no reblogs, English only), carl (muted) and eve (in
// an exclusive list); not dora; blocks fay; gus blocks the viewer.
const CASES: Case[] = [
  { rule: 'a followed author', status: 'anna', home: true, lists: ['members', 'followedReplies', 'noReplies'] },
  { rule: 'followers-only post of a followed author', status: 'annaPrivate', home: true, lists: ['members', 'followedReplies', 'noReplies'] },
  { rule: 'unlisted post of a followed author', status: 'annaUnlisted', home: true, lists: ['members', 'followedReplies', 'noReplies'] },
  // A home feed rebuilt from the follows holds no post of the viewer's own (fan-out pushed them).
  { rule: 'own post', status: 'mine', home: true, page: false },
  { rule: 'an author not followed', status: 'dora', home: false },
  { rule: 'reblog by a followed author of an unfollowed one', status: 'annaReblogsDora', home: true, lists: ['members', 'followedReplies', 'noReplies'] },
  { rule: "reblog of the viewer's own post", status: 'annaReblogsMine', home: false },
  { rule: 'reblog by a follow that turned reblogs off', status: 'benReblogsAnna', home: false },
  { rule: 'reblog of a muted author', status: 'annaReblogsCarl', home: false },
  { rule: 'reblog of an author the viewer blocks', status: 'annaReblogsFay', home: false },
  { rule: 'reblog of an author who blocks the viewer', status: 'annaReblogsGus', home: false },
  { rule: "a follow's languages: one chosen", status: 'benEnglish', home: true, lists: ['members'] },
  { rule: "a follow's languages: one not chosen", status: 'benFrench', home: false },
  { rule: 'reply to a followed account', status: 'annaRepliesBen', home: true, lists: ['members', 'followedReplies'] },
  { rule: 'reply to an account not followed', status: 'annaRepliesDora', home: false },
  { rule: 'reply to self (a thread)', status: 'annaRepliesAnna', home: true, lists: ['members', 'followedReplies', 'noReplies'] },
  { rule: 'reply to the viewer (not followed by themselves)', status: 'annaRepliesMine', home: false },
  { rule: 'reply to a followed account the viewer mutes (only authors are checked)', status: 'annaRepliesCarl', home: true, lists: ['followedReplies'] },
  { rule: 'a followed author the viewer mutes', status: 'carl', home: false },
  { rule: "a member of the viewer's exclusive list", status: 'eve', home: false, lists: ['exclusive'] },
  // Fan-out pushes a direct message to the followers it mentions; pages read no direct message.
  { rule: 'direct message mentioning the viewer, from a followed author', status: 'annaDirectToMe', home: true, page: false, notStreamed: true },
  { rule: 'direct message not mentioning the viewer', status: 'annaDirectToDora', home: false, notStreamed: true },
];

describe('the home rule, case by case, in memory and in SQL', () => {
  let server: TestServer;
  const ids = new Map<string, string>();
  const tokens = new Map<string, string>();
  const statuses = new Map<string, string>();
  const listIds = new Map<ListName, string>();
  let pageIds: Set<string>;
  const listPageIds = new Map<ListName, Set<string>>();

  const as = (name: string) => ({ token: tokens.get(name)! });
  const id = (name: string) => ids.get(name)!;
  async function act(who: string, path: string, json?: Record<string, unknown>): Promise<string> {
    const r = await call(server.url, path, { method: 'POST', ...as(who), ...(json ? { json } : {}) });
    assert.equal(r.status, 200, `${who} ${path}: ${JSON.stringify(r.body)}`);
    return r.body.id;
  }
  async function post(name: string, who: string, json: Record<string, unknown>): Promise<void> {
    statuses.set(name, await act(who, '/api/v1/statuses', { status: name, ...json }));
  }
  const reblog = async (name: string, who: string, of: string) => statuses.set(name, await act(who, `/api/v1/statuses/${statuses.get(of)}/reblog`));

  before(async () => {
    // Days of absence make the viewer's feed go (see accounts/activity): its home page is then rebuilt by the SQL form.
    server = await startServer({ PARLEY_FEED_INACTIVE_DAYS: '14' });
    for (const name of ['me', 'anna', 'ben', 'carl', 'dora', 'eve', 'fay', 'gus']) {
      const user = await signUp(server.url, name === 'me' ? 'viewer' : name);
      tokens.set(name, user.token);
      ids.set(name, (await call(server.url, '/api/v1/accounts/verify_credentials', { token: user.token })).body.id);
    }
    for (const name of ['anna', 'carl', 'eve']) await act('me', `/api/v1/accounts/${id(name)}/follow`);
    await act('me', `/api/v1/accounts/${id('ben')}/follow`, { reblogs: false, languages: ['en'] });
    await act('me', `/api/v1/accounts/${id('carl')}/mute`);
    await act('me', `/api/v1/accounts/${id('fay')}/block`);
    await act('gus', `/api/v1/accounts/${id('me')}/block`);
    for (const [name, list] of Object.entries(LISTS) as [ListName, (typeof LISTS)[ListName]][]) {
      const listId = await act('me', '/api/v1/lists', { title: name, replies_policy: list.repliesPolicy, exclusive: list.exclusive });
      await act('me', `/api/v1/lists/${listId}/accounts`, { account_ids: list.members.map(id) });
      listIds.set(name, listId);
    }
    await postEveryCase();
    await server.app.jobs.idle();
    await readPages();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  async function postEveryCase(): Promise<void> {
    for (const name of ['anna', 'dora', 'carl', 'eve', 'fay', 'gus', 'ben']) await post(`${name}Post`, name, {});
    await post('anna', 'anna', {});
    await post('annaPrivate', 'anna', { visibility: 'private' });
    await post('annaUnlisted', 'anna', { visibility: 'unlisted' });
    await post('mine', 'me', {});
    await post('dora', 'dora', {});
    await post('carl', 'carl', {});
    await post('eve', 'eve', {});
    await reblog('annaReblogsDora', 'anna', 'doraPost');
    await reblog('annaReblogsMine', 'anna', 'mine');
    await reblog('benReblogsAnna', 'ben', 'annaPost');
    await reblog('annaReblogsCarl', 'anna', 'carlPost');
    await reblog('annaReblogsFay', 'anna', 'fayPost');
    await reblog('annaReblogsGus', 'anna', 'gusPost');
    await post('benEnglish', 'ben', { language: 'en' });
    await post('benFrench', 'ben', { language: 'fr' });
    await post('annaRepliesBen', 'anna', { in_reply_to_id: statuses.get('benPost') });
    await post('annaRepliesDora', 'anna', { in_reply_to_id: statuses.get('doraPost') });
    await post('annaRepliesAnna', 'anna', { in_reply_to_id: statuses.get('annaPost') });
    await post('annaRepliesMine', 'anna', { in_reply_to_id: statuses.get('mine') });
    await post('annaRepliesCarl', 'anna', { in_reply_to_id: statuses.get('carlPost') });
    await post('annaDirectToMe', 'anna', { status: '@viewer hello', visibility: 'direct' });
    await post('annaDirectToDora', 'anna', { status: '@dora hello', visibility: 'direct' });
  }

  /** The viewer's home page rebuilt from its follows (its feed dropped as after a long absence), and the list pages. */
  async function readPages(): Promise<void> {
    const { core, database } = server.app;
    const { rows } = await database.pool.query(`update users set last_active_at = now() - interval '30 days' where account_id = $1 returning id::text`, [id('me')]);
    await core.activity.seen({ id: rows[0].id, accountId: id('me'), lastActiveAt: new Date(0) } as User);
    const page = { limit: 40 };
    pageIds = new Set((await core.timelines.home(id('me'), page)).items.map((v) => v.status.id));
    for (const [name, listId] of listIds) listPageIds.set(name, new Set((await core.timelines.list(id('me'), listId, page)).items.map((v) => v.status.id)));
  }

  for (const c of CASES) {
    it(c.rule, async () => {
      const { core } = server.app;
      const statusId = statuses.get(c.status)!;
      const me = id('me');
      const facts = (await core.live.facts(statusId))!;
      const pushed = (await core.fanout.recipients(statusId)).includes(me);
      assert.equal(pushed, c.home, 'fan-out (SQL)');
      assert.equal(pageIds.has(statusId), c.page ?? c.home, 'the rebuilt home page (SQL)');
      const [follows, hidden] = await Promise.all([core.timelines.streamFollows(me), core.relations.hiddenAccounts(me)]);
      const route = routeOf(facts);
      const shown = !hidesAny(hidden.ids, [facts.accountId, ...(facts.originalAuthor ? [facts.originalAuthor] : [])]);
      if (!c.notStreamed) assert.equal(shown && showsInHome(me, follows, route), c.home, 'home stream (in memory)');
      for (const [name, list] of Object.entries(LISTS) as [ListName, (typeof LISTS)[ListName]][]) {
        const expected = c.lists?.includes(name) ?? false;
        assert.equal(listPageIds.get(name)!.has(statusId), expected, `list ${name} page (SQL)`);
        const scope = { members: new Set(list.members.map(id)), repliesPolicy: list.repliesPolicy };
        if (!c.notStreamed) assert.equal(shown && showsInList(me, follows, scope, route), expected, `list ${name} stream (in memory)`);
      }
    });
  }
});
