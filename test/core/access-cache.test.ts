// Who a token speaks for is kept a few seconds; past that it is read again in the background while
// requests go on with what was known, and a revocation is never undone by such a read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalBus } from '../../src/infra/bus.ts';
import { createAccessCache } from '../../src/core/auth/access-cache.ts';
import { clockPast, eventually } from '../helpers/wait.ts';

type Entry = { token: { id: string; scopes: string }; user: { id: string } | null; account: { id: string } | null };
const entry = (scopes: string, token = 't1', user = 'u1'): Entry => ({ token: { id: token, scopes }, user: { id: user }, account: { id: `a-${user}` } });
/** lru-cache's clock, which times the entries' lives (100 ms here). */
const now = () => performance.now();
const expiry = (setAt: number) => clockPast(setAt + 100, now);

/** A database of one table, token hash → entry, counting its reads; `gate` holds reads back while set. */
function source(rows: Record<string, Entry | undefined>) {
  const db = { rows, reads: 0, gate: null as Promise<void> | null };
  const read = async (key: string) => {
    db.reads++;
    const seen = db.rows[key];
    if (db.gate) await db.gate;
    // A read answers in a later turn of the event loop, as a database's does.
    await new Promise((r) => setImmediate(r));
    return seen;
  };
  return { db, read };
}

describe('access cache', () => {
  it('reads a token once, then answers an expired one at once while reading it again once, in the background', async () => {
    const { db, read } = source({ h: entry('read') });
    const cache = createAccessCache<Entry>(createLocalBus(), { read, ttlMs: 100 });
    assert.equal((await cache.get('h'))?.token.scopes, 'read');
    const readAt = now();
    assert.equal((await cache.get('h'))?.token.scopes, 'read');
    assert.equal(db.reads, 1);
    db.rows.h = entry('read write');
    await expiry(readAt);
    assert.equal((await cache.get('h'))?.token.scopes, 'read', 'expired: the old entry, without waiting');
    assert.equal((await cache.get('h'))?.token.scopes, 'read');
    await eventually(async () => (await cache.get('h'))?.token.scopes === 'read write', 2_000, 'the entry read again');
    assert.equal(db.reads, 2);
  });

  it('keeps no unknown token, forgets one that is gone, and never serves a revoked one', async () => {
    const { db, read } = source({ gone: entry('read', 't0') });
    const cache = createAccessCache<Entry>(createLocalBus(), { read, ttlMs: 100 });
    assert.equal(await cache.get('nobody'), undefined);
    assert.equal(await cache.get('nobody'), undefined);
    assert.equal(db.reads, 2, 'unknown tokens are asked for every time');
    assert.ok(await cache.get('gone'));
    const readAt = now();
    delete db.rows.gone;
    await expiry(readAt);
    assert.ok(await cache.get('gone'), 'expired: answered, and read again');
    await eventually(async () => (await cache.get('gone')) === undefined, 2_000, 'the entry forgotten once read again');

    // A read under way when the token is revoked: what it saw is not kept.
    db.rows.h = entry('read');
    let release: () => void = () => {};
    db.gate = new Promise<void>((r) => (release = r));
    const reads = db.reads;
    const reading = cache.get('h');
    assert.equal(db.reads, reads + 1, 'the read has begun (up to the gate, it runs at once)');
    delete db.rows.h;
    await cache.changed({ tokenIds: ['t1'] });
    db.gate = null;
    release();
    assert.ok(await reading, 'the request that raced the revocation gets what the database said then');
    assert.equal(await cache.get('h'), undefined, 'not kept: asked again, and gone');
    assert.equal(db.reads, reads + 2);
  });

  it('forgets, on every process, the tokens of a user or an account that changed, expired ones too', async () => {
    const bus = createLocalBus();
    const rows = { a: entry('read', 'ta', 'alice'), b: entry('read', 'tb', 'bob') };
    const one = source({ ...rows });
    const other = source({ ...rows });
    const here = createAccessCache<Entry>(bus, { read: one.read, ttlMs: 100 });
    const there = createAccessCache<Entry>(bus, { read: other.read, ttlMs: 100 });
    for (const cache of [here, there]) for (const key of ['a', 'b']) await cache.get(key);
    await expiry(now()); // expired, so answered while read again: a change must reach those too
    one.db.rows.a = other.db.rows.a = entry('read', 'ta', 'alice-suspended');
    // The local bus hands the change to the other cache as it is published.
    await here.changed({ userId: 'alice' });
    for (const [cache, db] of [
      [here, one.db],
      [there, other.db],
    ] as const) {
      const reads = db.reads;
      assert.equal((await cache.get('a'))?.user?.id, 'alice-suspended', 'read again at once');
      assert.equal(db.reads, reads + 1);
    }
    assert.equal((await there.get('b'))?.user?.id, 'bob', 'others are kept');
  });
});
