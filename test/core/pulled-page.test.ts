// Choosing a home page's posts of pulled accounts from their kept recent posts: the follow's
// choices apply, replies wait for whether the viewer follows who they answer, and a page that
// reaches below what is kept gives way to PostgreSQL (null).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickPulled } from '../../src/core/timelines/pulled-page.ts';
import type { PulledFollow, PulledPost, RecentPosts } from '../../src/core/timelines/pulled.ts';

const post = (id: number, extra: Partial<PulledPost> = {}): PulledPost => ({ id: String(id), n: BigInt(id), authorId: 'star', ...extra });
const star: PulledFollow = { id: 'star', showReblogs: false, languages: ['fr'], exclusive: false };
const kept = (posts: PulledPost[], complete: boolean) => new Map<string, RecentPosts>([['star', { posts, complete }]]);

describe('pickPulled', () => {
  const posts = [post(90, { language: 'fr' }), post(80, { language: 'en' }), post(70, { rebloggedFrom: 'x' }), post(60, { replyTo: 'friend' }), post(50)];

  it('applies the follow’s choices, and shows a reply only if its target is followed', () => {
    const pick = pickPulled('me', [star], kept(posts, true), { limit: 20 })!;
    assert.deepEqual(pick.replyTargets, ['friend']);
    assert.deepEqual(pick.finish(new Set()), ['90', '50']);
    assert.deepEqual(pick.finish(new Set(['friend'])), ['90', '60', '50']);
  });

  it('pages with max_id, since_id and min_id within what is kept', () => {
    assert.deepEqual(pickPulled('me', [star], kept(posts, true), { limit: 20, maxId: '90' })!.finish(new Set()), ['50']);
    assert.deepEqual(pickPulled('me', [star], kept(posts, true), { limit: 20, sinceId: '50' })!.finish(new Set()), ['90']);
    assert.deepEqual(pickPulled('me', [star], kept(posts, false), { limit: 1, minId: '55' })!.finish(new Set(['friend'])), ['60']);
  });

  it('gives way when older posts than the kept ones could belong on the page', () => {
    // Not all kept: a full page from the kept posts is fine, a short one is not.
    assert.deepEqual(pickPulled('me', [star], kept(posts, false), { limit: 2 })!.finish(new Set()), ['90', '50']);
    assert.equal(pickPulled('me', [star], kept(posts, false), { limit: 3 })!.finish(new Set()), null);
    assert.equal(pickPulled('me', [star], kept(posts, false), { limit: 3, minId: '10' }), null);
    // ...unless the page stops above the oldest kept post.
    assert.deepEqual(pickPulled('me', [star], kept(posts, false), { limit: 3, sinceId: '55' })!.finish(new Set()), ['90']);
  });
});
