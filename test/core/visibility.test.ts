import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canReblog, canView, hiddenFromLists, reblogVisibility, type ViewerRelation } from '../../src/core/visibility.ts';

const base: ViewerRelation = { viewerId: 'v', authorId: 'a', follows: false, mentioned: false, blockedByAuthor: false, authorSuspended: false };

describe('visibility rules', () => {
  it('public and unlisted: everyone but those the author blocks', () => {
    for (const visibility of ['public', 'unlisted'] as const) {
      assert.equal(canView({ visibility }, base), true);
      assert.equal(canView({ visibility }, { ...base, viewerId: null }), true);
      assert.equal(canView({ visibility }, { ...base, blockedByAuthor: true }), false);
    }
  });

  it('private: followers and mentioned accounts; direct: mentioned accounts only; the author always', () => {
    assert.equal(canView({ visibility: 'private' }, base), false);
    assert.equal(canView({ visibility: 'private' }, { ...base, follows: true }), true);
    assert.equal(canView({ visibility: 'private' }, { ...base, mentioned: true }), true);
    assert.equal(canView({ visibility: 'private' }, { ...base, viewerId: null, follows: true }), true, 'follows is only ever true for a signed-in viewer');
    assert.equal(canView({ visibility: 'direct' }, { ...base, follows: true }), false);
    assert.equal(canView({ visibility: 'direct' }, { ...base, mentioned: true }), true);
    assert.equal(canView({ visibility: 'direct' }, { ...base, viewerId: 'a' }), true);
    assert.equal(canView({ visibility: 'direct' }, { ...base, mentioned: true, blockedByAuthor: true }), false);
  });

  it('a suspended author is seen by no one', () => {
    assert.equal(canView({ visibility: 'public' }, { ...base, authorSuspended: true }), false);
    assert.equal(canView({ visibility: 'public' }, { ...base, viewerId: 'a', authorSuspended: true }), false);
  });

  it('lists hide what the viewer blocks or mutes, and accounts of domains it blocks', () => {
    const none = { blocking: false, muting: false, domainBlocking: false };
    assert.equal(hiddenFromLists(none), false);
    assert.equal(hiddenFromLists({ ...none, blocking: true }), true);
    assert.equal(hiddenFromLists({ ...none, muting: true }), true);
    assert.equal(hiddenFromLists({ ...none, domainBlocking: true }), true);
  });

  it('reblogs: public and unlisted by anyone, private only by the author, never wider than the original', () => {
    assert.equal(canReblog({ visibility: 'public', accountId: 'a' }, 'v'), true);
    assert.equal(canReblog({ visibility: 'private', accountId: 'a' }, 'v'), false);
    assert.equal(canReblog({ visibility: 'private', accountId: 'a' }, 'a'), true);
    assert.equal(canReblog({ visibility: 'direct', accountId: 'a' }, 'a'), false);
    assert.equal(reblogVisibility('unlisted', 'public'), 'unlisted');
    assert.equal(reblogVisibility('public', 'private'), 'private');
    assert.equal(reblogVisibility('public', undefined), 'public');
  });
});
