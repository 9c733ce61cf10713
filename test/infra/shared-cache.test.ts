// The shared cache: a key forgotten while a read of it was under way is not stored by that read,
// and a key forgotten on one process is forgotten on the others that share the bus; an expired key
// is read again by one reader while the others use the old value, which survives an unchanged read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalBus } from '../../src/infra/bus.ts';
import { createSharedCache } from '../../src/infra/shared-cache.ts';
import { clockPast, eventually } from '../helpers/wait.ts';

/** lru-cache's clock, which times the entries' lives. */
const now = () => performance.now();

describe('shared cache', () => {
  it('keeps what was read, and refuses a read that started before the key was forgotten', async () => {
    const cache = createSharedCache<{ n: number }>(createLocalBus(), 'test', { max: 10, ttlMs: 60_000 });
    const mark = cache.mark();
    cache.set('a', { n: 1 }, mark);
    assert.deepEqual(cache.get('a'), { n: 1 });

    const slowRead = cache.mark();
    await cache.forget(['a']);
    assert.equal(cache.get('a'), undefined);
    cache.set('a', { n: 1 }, slowRead); // what the slow read saw is older than the change
    assert.equal(cache.get('a'), undefined);
    cache.set('a', { n: 2 }, cache.mark()); // a read begun after the change is kept
    assert.deepEqual(cache.get('a'), { n: 2 });
    cache.set('b', { n: 3 }, slowRead); // other keys are not held back
    assert.deepEqual(cache.get('b'), { n: 3 });
  });

  it('forgets on every cache that shares the bus', async () => {
    const bus = createLocalBus();
    const [one, two] = [createSharedCache<{ n: number }>(bus, 'test', { max: 10, ttlMs: 60_000 }), createSharedCache<{ n: number }>(bus, 'test', { max: 10, ttlMs: 60_000 })];
    one.set('a', { n: 1 }, one.mark());
    two.set('a', { n: 1 }, two.mark());
    two.get('a'); // starts listening
    await new Promise((r) => setImmediate(r));
    await one.forget(['a']);
    assert.equal(one.get('a'), undefined);
    assert.equal(two.get('a'), undefined);
  });

  it('gets many keys: the cached ones, the rest in one read, kept unless forgotten meanwhile', async () => {
    const cache = createSharedCache<{ n: number }>(createLocalBus(), 'test', { max: 10, ttlMs: 60_000 });
    cache.set('a', { n: 1 }, cache.mark());
    const asked: string[][] = [];
    const got = await cache.getMany(['a', 'b', 'c', 'b'], async (missing) => {
      asked.push(missing);
      await cache.forget(['c']); // changed while it was being read
      return new Map(missing.map((k) => [k, { n: 2 }]));
    });
    assert.deepEqual(asked, [['b', 'c']], 'one read, of the missing keys, once each');
    assert.deepEqual(
      [...got],
      [
        ['a', { n: 1 }],
        ['b', { n: 2 }],
        ['c', { n: 2 }],
      ],
    );
    assert.deepEqual(cache.get('b'), { n: 2 }, 'kept');
    assert.equal(cache.get('c'), undefined, 'not kept: forgotten during the read');
  });

  it('forgets every key on every process at once, and refuses reads that started before', async () => {
    const bus = createLocalBus();
    const [one, two] = [createSharedCache<{ n: number }>(bus, 'test', { max: 10, ttlMs: 60_000 }), createSharedCache<{ n: number }>(bus, 'test', { max: 10, ttlMs: 60_000 })];
    for (const cache of [one, two]) for (const key of ['a', 'b']) cache.set(key, { n: 1 }, cache.mark());
    two.get('a'); // starts listening
    await new Promise((r) => setImmediate(r));
    const slowRead = two.mark();
    await one.forgetAll();
    for (const cache of [one, two]) for (const key of ['a', 'b']) assert.equal(cache.get(key), undefined);
    two.set('c', { n: 1 }, slowRead);
    assert.equal(two.get('c'), undefined, 'a read begun before the change is not kept, whatever its key');
    two.set('c', { n: 2 }, two.mark());
    assert.deepEqual(two.get('c'), { n: 2 });
  });

  it('lets one reader read an expired key again while the others keep the old value', async () => {
    const cache = createSharedCache<{ n: number; at: Date }>(createLocalBus(), 'test', { max: 10, ttlMs: 100 });
    const first = cache.set('a', { n: 1, at: new Date(5) }, cache.mark());
    let setAt = now();
    assert.equal(cache.get('a'), first);
    await clockPast(setAt + 100, now);
    assert.equal(cache.get('a'), undefined, 'the first reader after expiry is asked to read it again');
    assert.equal(cache.get('a'), first, 'the others meanwhile get the old value');
    const again = cache.set('a', { n: 1, at: new Date(5) }, cache.mark());
    setAt = now();
    assert.equal(again, first, 'an equal row read again keeps the object already held');
    assert.equal(cache.get('a'), first);

    await clockPast(setAt + 100, now);
    assert.equal(cache.get('a'), undefined);
    const changed = cache.set('a', { n: 2, at: new Date(5) }, cache.mark());
    assert.deepEqual(changed, { n: 2, at: new Date(5) });
    assert.notEqual(changed, first);
    assert.equal(cache.get('a'), changed);
  });

  it('never serves a forgotten key, expired or not', async () => {
    const cache = createSharedCache<{ n: number }>(createLocalBus(), 'test', { max: 10, ttlMs: 100 });
    cache.set('a', { n: 1 }, cache.mark());
    await clockPast(now() + 100, now);
    assert.equal(cache.get('a'), undefined); // this reader is reading it again...
    await cache.forget(['a']); // ...when it changes
    assert.equal(cache.get('a'), undefined, 'nobody gets the old value once it is forgotten');
    assert.equal(cache.get('a'), undefined);
  });

  it('given a reload, answers an expired key at once and reads it again in the background, in one batch', async () => {
    const source = new Map([
      ['a', { n: 1 }],
      ['b', { n: 2 }],
    ]);
    const asked: string[][] = [];
    const cache = createSharedCache<{ n: number }>(createLocalBus(), 'test', {
      max: 10,
      ttlMs: 100,
      reload: async (keys) => {
        asked.push(keys);
        return new Map(keys.flatMap((k) => (source.has(k) ? [[k, { ...source.get(k)! }] as const] : [])));
      },
    });
    const a = cache.set('a', { n: 1 }, cache.mark());
    const b = cache.set('b', { n: 2 }, cache.mark());
    cache.set('c', { n: 3 }, cache.mark());
    await clockPast(now() + 100, now);
    source.set('b', { n: 20 });
    source.delete('c');
    assert.equal(cache.get('a'), a, 'the expired value, without waiting');
    assert.equal(cache.get('b'), b);
    assert.equal(cache.get('c')?.n, 3);
    assert.equal(cache.get('a'), a, 'asked again meanwhile: no second read');
    // The read of 'b' is stored with those of 'a' and 'c', at once.
    await eventually(async () => cache.get('b')?.n === 20, 2_000, 'the background read, stored');
    assert.deepEqual(asked[0], ['a', 'b', 'c']);
    assert.equal(cache.get('a'), a, 'unchanged: the same object');
    assert.deepEqual(cache.get('b'), { n: 20 });
    assert.equal(cache.get('c'), undefined, 'gone from the source: gone from the cache');
  });

  it('does not store a background read that a forget overtook', async () => {
    let release: () => void = () => {};
    const cache = createSharedCache<{ n: number }>(createLocalBus(), 'test', {
      max: 10,
      ttlMs: 100,
      reload: async (keys) => {
        await new Promise<void>((r) => (release = r));
        return new Map(keys.map((k) => [k, { n: 2 }]));
      },
    });
    // 'z', unchanged, is read again in the same batch: once it is stored, so would 'a' have been.
    cache.set('a', { n: 1 }, cache.mark());
    cache.set('z', { n: 1 }, cache.mark());
    await clockPast(now() + 100, now);
    assert.deepEqual(cache.get('a'), { n: 1 });
    assert.deepEqual(cache.get('z'), { n: 1 });
    await new Promise((r) => setImmediate(r));
    await cache.forget(['a']); // changed while the old row was being read
    release();
    await eventually(async () => cache.get('z')?.n === 2, 2_000, 'the background read, stored');
    assert.equal(cache.get('a'), undefined);
  });

  it('never serves a value past its end, even while others would be served old ones', async () => {
    let reads = 0;
    const cache = createSharedCache<{ n: number; until: number | null }>(createLocalBus(), 'test', {
      max: 10,
      ttlMs: 60_000,
      reload: async (keys) => new Map(keys.map((k) => [k, { n: ++reads, until: null }])),
      endsAt: (v) => v.until,
    });
    const until = Date.now() + 30;
    cache.set('a', { n: 0, until }, cache.mark());
    cache.set('b', { n: 0, until: null }, cache.mark());
    assert.equal(cache.get('a')?.n, 0);
    await clockPast(until);
    assert.equal(cache.get('a'), undefined, 'ended: the caller reads it');
    assert.equal(cache.get('b')?.n, 0);
    assert.equal(reads, 0);
  });

  it("bounds the sum of the values' sizes", async () => {
    const cache = createSharedCache<{ ids: string[] }>(createLocalBus(), 'test', { max: 100, ttlMs: 60_000, size: { max: 10, of: (v) => v.ids.length } });
    cache.set('a', { ids: ['1', '2', '3', '4', '5', '6'] }, cache.mark());
    cache.set('b', { ids: ['7', '8', '9', '10'] }, cache.mark());
    assert.ok(cache.get('a') && cache.get('b'));
    cache.set('c', { ids: ['11', '12'] }, cache.mark());
    assert.equal(cache.get('a'), undefined, 'the least recently used goes first');
    assert.ok(cache.get('b') && cache.get('c'));
    cache.set('d', { ids: Array.from({ length: 11 }, String) }, cache.mark());
    assert.equal(cache.get('d'), undefined, 'a value larger than the whole cache is not kept');
  });

  it('revises held values in place on every process, newest revision first, whatever order the patches come in', async () => {
    const bus = createLocalBus();
    type V = { n: number; rev: number };
    const apply = (v: V, p: V): V => (p.rev > v.rev ? p : v);
    const make = () => createSharedCache<V, V>(bus, 'test', { max: 10, ttlMs: 60_000, apply });
    const [here, there] = [make(), make()];
    for (const cache of [here, there]) {
      cache.set('a', { n: 1, rev: 1 }, cache.mark());
      cache.set('b', { n: 1, rev: 1 }, cache.mark());
      cache.get('a'); // starts listening
    }
    await new Promise((r) => setImmediate(r));
    const slowRead = here.mark();
    await here.revise(
      new Map([
        ['a', { n: 2, rev: 2 }],
        ['c', { n: 9, rev: 9 }],
      ]),
      here.mark(),
    );
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(here.get('a'), { n: 2, rev: 2 }, 'revised here, and its own message did not undo it');
    assert.deepEqual(there.get('a'), { n: 2, rev: 2 }, 'and there, without reading it again');
    assert.equal(here.get('c'), undefined, 'nothing held: nothing made up');
    assert.equal(there.get('c'), undefined);
    here.set('a', { n: 1, rev: 1 }, slowRead);
    assert.deepEqual(here.get('a'), { n: 2, rev: 2 }, 'a read begun before the change cannot put the old value back');

    // Two processes' revisions crossing on the bus: the older one arrives last and changes nothing.
    await there.revise(new Map([['a', { n: 4, rev: 4 }]]), there.mark());
    await here.revise(new Map([['a', { n: 3, rev: 3 }]]), here.mark());
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(here.get('a'), { n: 4, rev: 4 });
    assert.deepEqual(there.get('a'), { n: 4, rev: 4 });

    const before = here.mark();
    await here.forget(['b']);
    here.set('b', { n: 5, rev: 5 }, here.mark());
    await here.revise(new Map([['b', { n: 6, rev: 6 }]]), before);
    assert.equal(here.get('b'), undefined, 'forgotten here after the change was made: the revision is not trusted');
  });

  it('without a way to apply revisions, other processes forget the revised keys', async () => {
    const bus = createLocalBus();
    const [here, there] = [createSharedCache<{ n: number }>(bus, 'test', { max: 10, ttlMs: 60_000 }), createSharedCache<{ n: number }>(bus, 'test', { max: 10, ttlMs: 60_000 })];
    for (const cache of [here, there]) {
      cache.set('a', { n: 1 }, cache.mark());
      cache.get('a');
    }
    await new Promise((r) => setImmediate(r));
    await here.revise(new Map([['a', undefined as never]]), here.mark());
    await new Promise((r) => setImmediate(r));
    assert.equal(here.get('a'), undefined);
    assert.equal(there.get('a'), undefined);
  });
});
