// The home rule's table of cases (see src/core/timelines/home-rule.ts), each run against every form
// the rule takes: in memory (what open home and list streams show: showsInHome / showsInList,
// showsByFollowedTag and hidesAny), fan-out's SQL on a real PostgreSQL (who a post is pushed to), and the SQL of the home
// page rebuilt from the follows and of the list pages (followedPage, then the views' filter), and
// the merge of a followed account's posts on a new follow (fanout.merge, then the views' filter).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { remoteAccountInput, remoteStatusInput } from '../helpers/remote-account.ts';
import { hidesAny, hidesDomain, routeOf, showsByFollowedTag, showsInHome, showsInList } from '../../src/core/timelines/home-rule.ts';
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
  /** at home: in memory (streams), pushed by fan-out, on the rebuilt home page, and merged on follow */
  home: boolean;
  /** the lists that show it (the others do not) */
  lists?: ListName[];
  /** where the rebuilt home page and the merge on follow (both read the followed accounts' posts) answer otherwise */
  page?: boolean;
  /** where the merge on follow alone answers otherwise (the rebuild also reads the viewer's own posts) */
  merged?: boolean;
  /** direct messages are never on an author's channel: the in-memory form does not see them */
  notStreamed?: true;
}

// The viewer `me` follows anna (plainly), ben (no reblogs, English only), carl (muted), eve (in
// an exclusive list), hal (muted for an hour) and ida (muted for a while that has ended); not dora
// or jon; blocks fay; gus blocks the viewer; blocks the server of rem and ron (remote), yet follows
// rem. It follows the hashtag #fish.
const CASES: Case[] = [
  { rule: 'a followed author', status: 'anna', home: true, lists: ['members', 'followedReplies', 'noReplies'] },
  { rule: 'followers-only post of a followed author', status: 'annaPrivate', home: true, lists: ['members', 'followedReplies', 'noReplies'] },
  { rule: 'unlisted post of a followed author', status: 'annaUnlisted', home: true, lists: ['members', 'followedReplies', 'noReplies'] },
  // A home feed merged on a follow holds no post of the viewer's own (fan-out pushed them); a rebuilt one reads them.
  { rule: 'own post', status: 'mine', home: true, merged: false },
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
  // Fan-out remembers an author's audience until the first of its followers' mutes ends (see audiences).
  { rule: 'a followed author the viewer mutes for a while', status: 'hal', home: false },
  { rule: 'a followed author whose mute has ended', status: 'ida', home: true },
  { rule: "a member of the viewer's exclusive list", status: 'eve', home: false, lists: ['exclusive'] },
  { rule: 'reblog by a followed author of a post from a server the viewer blocks', status: 'annaReblogsRon', home: false },
  // A domain block ends the follows there and refuses new ones: this one is written in by hand, to state the rule for any follow.
  { rule: 'a followed author of a server the viewer blocks', status: 'rem', home: false },
  // Fan-out pushes a direct message to the followers it mentions; pages read no direct message.
  { rule: 'direct message mentioning the viewer, from a followed author', status: 'annaDirectToMe', home: true, page: false, notStreamed: true },
  { rule: 'direct message not mentioning the viewer', status: 'annaDirectToDora', home: false, notStreamed: true },
  // Followed hashtags (home only): public posts that are not reblogs, whoever wrote them; a new
  // follow of an account merges none of them.
  { rule: 'a followed hashtag, public, by an author not followed', status: 'doraFish', home: true, merged: false },
  { rule: 'a followed hashtag, unlisted', status: 'doraFishUnlisted', home: false },
  { rule: 'a followed hashtag, followers-only (of an author not followed)', status: 'doraFishPrivate', home: false },
  { rule: 'a followed hashtag, reblogged by an author not followed', status: 'jonReblogsFish', home: false },
  { rule: 'a followed hashtag in a reply to an account not followed (replies are not filtered by hashtag)', status: 'doraRepliesJonFish', home: true, merged: false },
  { rule: "a followed hashtag, in a language the author's follow did not choose", status: 'benFrenchFish', home: true, merged: false },
  { rule: "a followed hashtag, by a member of the viewer's exclusive list", status: 'eveFish', home: true, lists: ['exclusive'], merged: false },
  { rule: 'a followed hashtag, by a muted author', status: 'carlFish', home: false },
  { rule: 'a followed hashtag, by an author the viewer blocks', status: 'fayFish', home: false },
  { rule: 'a followed hashtag, by an author who blocks the viewer', status: 'gusFish', home: false },
  { rule: 'a followed hashtag, in a direct message', status: 'doraDirectFish', home: false, notStreamed: true },
  { rule: 'a followed hashtag, own post', status: 'mineFish', home: true, merged: false },
  { rule: 'a followed hashtag, by an author of a server the viewer blocks', status: 'ronFish', home: false },
];

describe('the home rule, case by case, in memory and in SQL', () => {
  let server: TestServer;
  const ids = new Map<string, string>();
  const tokens = new Map<string, string>();
  const statuses = new Map<string, string>();
  const listIds = new Map<ListName, string>();
  let pageIds: Set<string>;
  let mergedIds: Set<string>;
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
    for (const name of ['me', 'anna', 'ben', 'carl', 'dora', 'eve', 'fay', 'gus', 'hal', 'ida', 'jon']) {
      const user = await signUp(server.url, name === 'me' ? 'viewer' : name);
      tokens.set(name, user.token);
      ids.set(name, (await call(server.url, '/api/v1/accounts/verify_credentials', { token: user.token })).body.id);
    }
    for (const name of ['anna', 'carl', 'eve', 'hal', 'ida']) await act('me', `/api/v1/accounts/${id(name)}/follow`);
    await act('me', `/api/v1/accounts/${id('ben')}/follow`, { reblogs: false, languages: ['en'] });
    await act('me', `/api/v1/accounts/${id('carl')}/mute`);
    await act('me', `/api/v1/accounts/${id('hal')}/mute`, { duration: 3600 });
    await muteEnded('ida');
    await act('me', `/api/v1/accounts/${id('fay')}/block`);
    await act('gus', `/api/v1/accounts/${id('me')}/block`);
    await blockedServer();
    await call(server.url, '/api/v1/tags/fish/follow', { method: 'POST', ...as('me') });
    for (const [name, list] of Object.entries(LISTS) as [ListName, (typeof LISTS)[ListName]][]) {
      const listId = await act('me', '/api/v1/lists', { title: name, replies_policy: list.repliesPolicy, exclusive: list.exclusive });
      await act('me', `/api/v1/lists/${listId}/accounts`, { account_ids: list.members.map(id) });
      listIds.set(name, listId);
    }
    await postEveryCase();
    await server.app.jobs.idle();
    await readPages();
    await readMerged();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  /** rem and ron of a server the viewer blocks; a follow of rem that the block did not end. */
  async function blockedServer(): Promise<void> {
    const { core, database } = server.app;
    for (const name of ['rem', 'ron']) ids.set(name, (await core.remoteAccounts.upsert(remoteAccountInput(name, 'blocked.example'))).id);
    await act('me', '/api/v1/domain_blocks', { domain: 'blocked.example' });
    await database.pool.query(`insert into follows (id, account_id, target_account_id) select max(id) + 1, $1, $2 from follows`, [id('me'), id('rem')]);
    await core.changes.committed({ type: 'relation.changed', relation: 'follow', actorId: id('me'), otherId: id('rem') });
  }

  async function remotePost(name: string, who: string, tagNames: string[] = []): Promise<void> {
    const { core } = server.app;
    const author = (await core.accounts.byId(id(who)))!;
    statuses.set(name, await core.remoteStatuses.receive(author, remoteStatusInput(`https://blocked.example/notes/${name}`, name, { tagNames })));
  }

  /** A mute for a while, as it stands once the while is over (an ended mute stays until something removes it). */
  async function muteEnded(name: string): Promise<void> {
    await act('me', `/api/v1/accounts/${id(name)}/mute`, { duration: 60 });
    await server.app.database.pool.query(`update mutes set expires_at = now() - interval '1 minute' where account_id = $1 and target_account_id = $2`, [id('me'), id(name)]);
    await server.app.core.changes.committed({ type: 'relation.changed', relation: 'mute', actorId: id('me'), otherId: id(name) });
  }

  async function postEveryCase(): Promise<void> {
    for (const name of ['anna', 'dora', 'carl', 'eve', 'fay', 'gus', 'ben']) await post(`${name}Post`, name, {});
    await post('anna', 'anna', {});
    await post('annaPrivate', 'anna', { visibility: 'private' });
    await post('annaUnlisted', 'anna', { visibility: 'unlisted' });
    await post('mine', 'me', {});
    await post('dora', 'dora', {});
    await post('carl', 'carl', {});
    await post('eve', 'eve', {});
    await post('hal', 'hal', {});
    await post('ida', 'ida', {});
    await reblog('annaReblogsDora', 'anna', 'doraPost');
    await reblog('annaReblogsMine', 'anna', 'mine');
    await reblog('benReblogsAnna', 'ben', 'annaPost');
    await reblog('annaReblogsCarl', 'anna', 'carlPost');
    await reblog('annaReblogsFay', 'anna', 'fayPost');
    await reblog('annaReblogsGus', 'anna', 'gusPost');
    await remotePost('ronPost', 'ron');
    await remotePost('rem', 'rem');
    await reblog('annaReblogsRon', 'anna', 'ronPost');
    await post('benEnglish', 'ben', { language: 'en' });
    await post('benFrench', 'ben', { language: 'fr' });
    await post('annaRepliesBen', 'anna', { in_reply_to_id: statuses.get('benPost') });
    await post('annaRepliesDora', 'anna', { in_reply_to_id: statuses.get('doraPost') });
    await post('annaRepliesAnna', 'anna', { in_reply_to_id: statuses.get('annaPost') });
    await post('annaRepliesMine', 'anna', { in_reply_to_id: statuses.get('mine') });
    await post('annaRepliesCarl', 'anna', { in_reply_to_id: statuses.get('carlPost') });
    await post('annaDirectToMe', 'anna', { status: '@viewer hello', visibility: 'direct' });
    await post('annaDirectToDora', 'anna', { status: '@dora hello', visibility: 'direct' });
    await postTagged();
  }

  async function postTagged(): Promise<void> {
    await post('jonPost', 'jon', {});
    await post('doraFish', 'dora', { status: 'doraFish #Fish' });
    await post('doraFishUnlisted', 'dora', { status: 'doraFishUnlisted #fish', visibility: 'unlisted' });
    await post('doraFishPrivate', 'dora', { status: 'doraFishPrivate #fish', visibility: 'private' });
    await reblog('jonReblogsFish', 'jon', 'doraFish');
    await post('doraRepliesJonFish', 'dora', { status: 'doraRepliesJonFish #fish', in_reply_to_id: statuses.get('jonPost') });
    await post('benFrenchFish', 'ben', { status: 'benFrenchFish #fish', language: 'fr' });
    for (const name of ['eve', 'carl', 'fay', 'gus']) await post(`${name}Fish`, name, { status: `${name}Fish #fish` });
    await post('doraDirectFish', 'dora', { status: '@jon doraDirectFish #fish', visibility: 'direct' });
    await post('mineFish', 'me', { status: 'mineFish #fish' });
    await remotePost('ronFish', 'ron', ['fish']);
  }

  /** The viewer's feed dropped, as after a long absence. */
  async function dropFeed(): Promise<void> {
    const { core, database } = server.app;
    const { rows } = await database.pool.query(`update users set last_active_at = now() - interval '30 days' where account_id = $1 returning id::text`, [id('me')]);
    await core.activity.seen({ id: rows[0].id, accountId: id('me'), lastActiveAt: new Date(0) } as User);
  }
  const homePage = async () => new Set((await server.app.core.timelines.home(id('me'), { limit: 40 })).items.map((v) => v.status.id));

  /** The viewer's home page rebuilt from its follows (its feed dropped), and the list pages. */
  async function readPages(): Promise<void> {
    await dropFeed();
    pageIds = await homePage();
    for (const [name, listId] of listIds) listPageIds.set(name, new Set((await server.app.core.timelines.list(id('me'), listId, { limit: 40 })).items.map((v) => v.status.id)));
  }

  /** The viewer's home page made of what a new follow of each followed account merges into its dropped feed. */
  async function readMerged(): Promise<void> {
    await dropFeed();
    for (const name of ['anna', 'ben', 'carl', 'eve', 'hal', 'ida', 'rem']) await server.app.core.fanout.merge(id('me'), id(name));
    mergedIds = await homePage();
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
      assert.equal(mergedIds.has(statusId), c.merged ?? c.page ?? c.home, 'merged on follow (SQL)');
      const [follows, hidden, tags] = await Promise.all([core.timelines.streamFollows(me), core.relations.hiddenAccounts(me), core.tags.followedNames(me)]);
      const route = routeOf(facts);
      const shown = !hidesAny(hidden.ids, [facts.accountId, ...(facts.originalAuthor ? [facts.originalAuthor] : [])]) && !hidesDomain(hidden.domains, facts.domains);
      const atHome = showsInHome(me, follows, route) || showsByFollowedTag(me, new Set(tags), route);
      if (!c.notStreamed) assert.equal(shown && atHome, c.home, 'home stream (in memory)');
      for (const [name, list] of Object.entries(LISTS) as [ListName, (typeof LISTS)[ListName]][]) {
        const expected = c.lists?.includes(name) ?? false;
        assert.equal(listPageIds.get(name)!.has(statusId), expected, `list ${name} page (SQL)`);
        const scope = { members: new Set(list.members.map(id)), repliesPolicy: list.repliesPolicy };
        if (!c.notStreamed) assert.equal(shown && showsInList(me, follows, scope, route), expected, `list ${name} stream (in memory)`);
      }
    });
  }
});
