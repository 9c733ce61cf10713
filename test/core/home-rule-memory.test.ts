// The in-memory home and list rules that open streams apply (the API test compares them with the
// timelines; these pin down each rule on its own).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hidesDomain, routeOf, showsByFollowedTag, showsInHome, showsInList, type HomeFollow } from '../../src/core/timelines/home-rule.ts';

const plain: HomeFollow = { showReblogs: true, languages: null, exclusive: false };
const follows = new Map<string, HomeFollow>([
  ['anna', plain],
  ['ben', { showReblogs: false, languages: ['en', 'fr'], exclusive: false }],
  ['ministry', { ...plain, exclusive: true }],
]);

describe('stream rules', () => {
  it('home: own posts always; followed accounts outside exclusive lists only', () => {
    assert.equal(showsInHome('me', follows, { authorId: 'me', replyTo: 'stranger', language: 'de' }), true);
    assert.equal(showsInHome('me', follows, { authorId: 'anna' }), true);
    assert.equal(showsInHome('me', follows, { authorId: 'stranger' }), false);
    assert.equal(showsInHome('me', follows, { authorId: 'ministry' }), false);
  });

  it('home: replies to others only when following them too', () => {
    assert.equal(showsInHome('me', follows, { authorId: 'anna', replyTo: 'ben' }), true);
    assert.equal(showsInHome('me', follows, { authorId: 'anna', replyTo: 'stranger' }), false);
  });

  it('home: reblogs as the follow allows, never of one’s own post; languages as chosen', () => {
    assert.equal(showsInHome('me', follows, { authorId: 'anna', rebloggedFrom: 'stranger' }), true);
    assert.equal(showsInHome('me', follows, { authorId: 'anna', rebloggedFrom: 'me' }), false);
    assert.equal(showsInHome('me', follows, { authorId: 'ben', rebloggedFrom: 'anna' }), false);
    assert.equal(showsInHome('me', follows, { authorId: 'ben', language: 'fr' }), true);
    assert.equal(showsInHome('me', follows, { authorId: 'ben', language: 'de' }), false);
    assert.equal(showsInHome('me', follows, { authorId: 'ben' }), true, 'no language known: shown');
  });

  it('lists: members who are followed, replies by the policy, exclusive or not', () => {
    const members = new Set(['anna', 'ministry', 'unfollowed']);
    const list = (repliesPolicy: 'followed' | 'list' | 'none') => ({ members, repliesPolicy });
    assert.equal(showsInList('me', follows, list('list'), { authorId: 'ministry' }), true);
    assert.equal(showsInList('me', follows, list('list'), { authorId: 'ben' }), false, 'not a member');
    assert.equal(showsInList('me', follows, list('list'), { authorId: 'unfollowed' }), false, 'a member no longer followed');
    assert.equal(showsInList('me', follows, list('list'), { authorId: 'anna', replyTo: 'ministry' }), true);
    assert.equal(showsInList('me', follows, list('list'), { authorId: 'anna', replyTo: 'ben' }), false);
    assert.equal(showsInList('me', follows, list('followed'), { authorId: 'anna', replyTo: 'ben' }), true);
    assert.equal(showsInList('me', follows, list('followed'), { authorId: 'anna', replyTo: 'stranger' }), false);
    assert.equal(showsInList('me', follows, list('none'), { authorId: 'anna', replyTo: 'ministry' }), false);
    assert.equal(showsInList('me', follows, list('none'), { authorId: 'anna', rebloggedFrom: 'me' }), false);
  });

  it('domain blocks: a status involving an author of a blocked server is hidden, local ones never', () => {
    const blocked = new Set(['blocked.example']);
    assert.equal(hidesDomain(blocked, ['blocked.example']), true);
    assert.equal(hidesDomain(blocked, ['fine.example', 'blocked.example']), true, 'a reblog of a blocked server');
    assert.equal(hidesDomain(blocked, ['fine.example']), false);
    assert.equal(hidesDomain(blocked, undefined), false, 'local authors carry no domain');
    assert.equal(hidesDomain(new Set(), ['blocked.example']), false);
  });

  it('followed hashtags: public posts that are not reblogs, by anyone but the viewer', () => {
    const tags = new Set(['fish']);
    const facts = { accountId: 'stranger', reblogOfId: null, originalAuthor: null, inReplyToAccountId: 'other', language: 'de', tags: ['boats', 'fish'] };
    assert.equal(showsByFollowedTag('me', tags, routeOf({ ...facts, visibility: 'public' })), true, 'a reply, in any language');
    assert.equal(showsByFollowedTag('me', tags, routeOf({ ...facts, visibility: 'unlisted' })), false);
    assert.equal(showsByFollowedTag('me', tags, routeOf({ ...facts, visibility: 'private' })), false);
    assert.equal(showsByFollowedTag('me', tags, routeOf({ ...facts, visibility: 'public', reblogOfId: '1', originalAuthor: 'anna' })), false, 'a reblog');
    assert.equal(showsByFollowedTag('me', tags, routeOf({ ...facts, visibility: 'public', tags: ['boats'] })), false, 'no followed tag');
    assert.equal(showsByFollowedTag('me', tags, routeOf({ ...facts, visibility: 'public', accountId: 'me' })), false, 'own posts come home anyway');
    assert.equal(showsInHome('me', follows, routeOf({ ...facts, visibility: 'public' })), false, 'the follow rule alone does not show it');
  });
});
