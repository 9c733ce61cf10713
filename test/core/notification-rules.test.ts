// The rules behind grouped notifications and the notification policy, where the HTTP tests cannot
// wait for the clock: a group takes notifications for twelve hours from the hour it began, then a
// new one begins; the policy's strongest choice wins, and a thread is walked only when it matters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createIdGenerator } from '../../src/core/ids.ts';
import { candidateKeys, groupSubject } from '../../src/core/notifications/group-key.ts';
import { DEFAULT_POLICY, policyVerdict, type Policy, type Standing } from '../../src/core/notifications/policy-rule.ts';
import { insertNotification } from '../../src/store/notifications/rows.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const HOUR = 3_600_000;

describe('notification group keys', () => {
  let server: TestServer;
  let recipient: string;
  let sender: string;
  const ids = createIdGenerator();

  before(async () => {
    server = await startServer();
    const idOf = async (name: string) => (await call(server.url, '/api/v1/accounts/verify_credentials', { token: (await signUp(server.url, name)).token })).body.id as string;
    recipient = await idOf('recipient');
    sender = await idOf('sender');
  });
  after(async () => {
    await server.stop();
  });

  it('names what a group is about: favourites or reblogs of one status, follows; nothing else', () => {
    assert.equal(groupSubject('favourite', '42'), 'favourite-42');
    assert.equal(groupSubject('reblog', '42'), 'reblog-42');
    assert.equal(groupSubject('follow', null), 'follow');
    for (const type of ['mention', 'status', 'follow_request', 'update', 'poll'] as const) assert.equal(groupSubject(type, '42'), null, type);
    assert.equal(groupSubject('favourite', null), null);
  });

  it('offers the twelve hours up to now, newest first', () => {
    const at = Date.UTC(2026, 0, 1, 10, 30);
    const keys = candidateKeys('follow', at);
    assert.equal(keys.length, 12);
    assert.equal(keys[0], `follow-${Math.floor(at / HOUR)}`);
    assert.equal(keys[11], `follow-${Math.floor(at / HOUR) - 11}`);
  });

  it('joins a group begun less than twelve hours before, and begins a new one after', async () => {
    const db = server.app.database.db;
    const start = Date.UTC(2026, 0, 1, 10, 30);
    const write = async (at: number) => {
      const made = await insertNotification(db, { id: ids(), recipientId: recipient, fromId: sender, type: 'follow', statusId: null, filtered: false, groupKeys: candidateKeys('follow', at) });
      return made!.groupKey;
    };
    const first = await write(start);
    assert.equal(first, `follow-${Math.floor(start / HOUR)}`);
    assert.equal(await write(start + 11 * HOUR), first, 'eleven hours on: the same group');
    const second = await write(start + 12 * HOUR);
    assert.notEqual(second, first, 'twelve hours on: a new group');
    assert.equal(await write(start + 13 * HOUR), second, 'later ones join the newest group');
    const held = await insertNotification(db, { id: ids(), recipientId: recipient, fromId: sender, type: 'follow', statusId: null, filtered: true, groupKeys: null });
    assert.equal(held!.groupKey, null, 'a filtered notification stands alone');
  });
});

describe('notification policy rule', () => {
  const now = Date.UTC(2026, 5, 1);
  const old = new Date(now - 400 * 24 * HOUR);
  const policy = (changes: Partial<Policy>): Policy => ({ ...DEFAULT_POLICY, ...changes });
  const standing = (changes: Partial<Standing> = {}): Standing => ({
    following: false,
    followerSince: old,
    senderCreatedAt: old,
    permitted: false,
    privateMention: async () => false,
    ...changes,
  });

  it('accepts everything by default', async () => {
    assert.equal(await policyVerdict(DEFAULT_POLICY, standing({ followerSince: null, senderCreatedAt: new Date(now) }), now), 'accept');
  });

  it('applies each choice to its kind of sender, the strongest winning', async () => {
    assert.equal(await policyVerdict(policy({ forNotFollowing: 'filter' }), standing(), now), 'filter');
    assert.equal(await policyVerdict(policy({ forNotFollowing: 'filter' }), standing({ following: true }), now), 'accept');
    assert.equal(await policyVerdict(policy({ forNotFollowers: 'drop' }), standing({ followerSince: new Date(now - 2 * 24 * HOUR) }), now), 'drop', 'following for two days is not enough');
    assert.equal(await policyVerdict(policy({ forNotFollowers: 'drop' }), standing(), now), 'accept');
    assert.equal(await policyVerdict(policy({ forNewAccounts: 'filter' }), standing({ senderCreatedAt: new Date(now - 29 * 24 * HOUR) }), now), 'filter');
    assert.equal(await policyVerdict(policy({ forNewAccounts: 'filter' }), standing({ senderCreatedAt: new Date(now - 29 * 24 * HOUR), following: true }), now), 'accept');
    assert.equal(await policyVerdict(policy({ forNotFollowing: 'filter', forNewAccounts: 'drop' }), standing({ senderCreatedAt: new Date(now) }), now), 'drop');
    assert.equal(await policyVerdict(policy({ forLimitedAccounts: 'drop' }), standing(), now), 'accept', 'no account is limited');
  });

  it('lets an accepted sender through, and walks a thread only when its answer could change the verdict', async () => {
    let walks = 0;
    const privateMention = async () => {
      walks++;
      return true;
    };
    assert.equal(await policyVerdict(policy({ forNotFollowing: 'drop' }), standing({ permitted: true }), now), 'accept');
    assert.equal(await policyVerdict(policy({ forPrivateMentions: 'filter' }), standing({ privateMention }), now), 'filter');
    assert.equal(await policyVerdict(policy({ forPrivateMentions: 'filter', forNotFollowing: 'drop' }), standing({ privateMention }), now), 'drop');
    assert.equal(await policyVerdict(policy({ forPrivateMentions: 'filter' }), standing({ privateMention, following: true }), now), 'accept');
    assert.equal(walks, 1);
  });
});
