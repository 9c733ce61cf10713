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
    assert.equal(pickPulled('me', [star], kept(posts, false), { limit: 3 }), null);
    assert.equal(pickPulled('me', [star], kept(posts, false), { limit: 3, minId: '10' }), null);
    // ...unless the page stops above the oldest kept post.
    assert.deepEqual(pickPulled('me', [star], kept(posts, false), { limit: 3, sinceId: '55' })!.finish(new Set()), ['90']);
  });

  it('merges several authors into one page in id order, for every kind of page', () => {
    // Three authors posting in turn (ids interleave), each kept in full; ids of different lengths
    // order as numbers.
    const authors = ['a', 'b', 'c'];
    const follows: PulledFollow[] = authors.map((id) => ({ id, showReblogs: true, languages: null, exclusive: false }));
    const ids = Array.from({ length: 30 }, (_, i) => 95 + i * 7);
    const recent = new Map<string, RecentPosts>(
      authors.map((a, k) => [
        a,
        {
          posts: ids
            .filter((_, i) => i % 3 === k)
            .reverse()
            .map((id) => post(id, { authorId: a })),
          complete: true,
        },
      ]),
    );
    const newest = ids.map(String).reverse();
    const page = (p: Parameters<typeof pickPulled>[3]) => pickPulled('me', follows, recent, p)!.finish(new Set());
    assert.deepEqual(page({ limit: 5 }), newest.slice(0, 5));
    assert.deepEqual(page({ limit: 40 }), newest);
    assert.deepEqual(page({ limit: 4, maxId: String(ids[20]) }), newest.slice(10, 14));
    // min_id: the posts just above it, newest first; since_id: the newest, down to it.
    assert.deepEqual(page({ limit: 4, minId: String(ids[3]) }), [ids[7], ids[6], ids[5], ids[4]].map(String));
    assert.deepEqual(page({ limit: 4, sinceId: String(ids[3]) }), newest.slice(0, 4));
    assert.deepEqual(page({ limit: 40, sinceId: String(ids[26]) }), newest.slice(0, 3));
  });

  it('answers from memory as long as no author with older posts than it keeps could have one on the page', () => {
    const follows: PulledFollow[] = ['a', 'q'].map((id) => ({ id, showReblogs: true, languages: null, exclusive: false }));
    const recent = new Map<string, RecentPosts>([
      ['a', { posts: [300, 290, 280, 270].map((id) => post(id, { authorId: 'a' })), complete: true }],
      // Older posts of q exist than the one kept.
      ['q', { posts: [post(100, { authorId: 'q' })], complete: false }],
    ]);
    assert.deepEqual(pickPulled('me', follows, recent, { limit: 3 })!.finish(new Set()), ['300', '290', '280']);
    assert.deepEqual(pickPulled('me', follows, recent, { limit: 5 })!.finish(new Set()), ['300', '290', '280', '270', '100']);
    assert.equal(pickPulled('me', follows, recent, { limit: 6 }), null);
  });
});
