// Who a token speaks for is kept a few seconds; past that it is read again in the background while
// requests go on with what was known, and a revocation is never undone by such a read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalBus } from '../../src/infra/bus.ts';
import { createAccessCache } from '../../src/core/auth/access-cache.ts';

type Entry = { token: { id: string; scopes: string }; user: { id: string } | null; account: { id: string } | null };
const entry = (scopes: string): Entry => ({ token: { id: 't1', scopes }, user: { id: 'u1' }, account: { id: 'a1' } });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('access cache', () => {
  it('answers an expired token at once and reads it again once, in the background', async () => {
    const cache = createAccessCache<Entry>(createLocalBus(), { ttlMs: 100 });
    let reads = 0;
    let done: () => void = () => {};
    const read = new Promise<void>((r) => (done = r));
    const reload = async () => {
      reads++;
      await wait(5);
      setImmediate(done);
      return entry('read write');
    };
    cache.set('h', entry('read'));
    assert.equal(cache.get('h', reload)?.token.scopes, 'read');
    await wait(150);
    assert.equal(cache.get('h', reload)?.token.scopes, 'read', 'expired: the old entry, without waiting');
    assert.equal(cache.get('h', reload)?.token.scopes, 'read');
    await read;
    assert.equal(reads, 1);
    assert.equal(cache.get('h', reload)?.token.scopes, 'read write');
  });

  it('forgets a token that is no longer found, and never serves a revoked one', async () => {
    const cache = createAccessCache<Entry>(createLocalBus(), { ttlMs: 100 });
    cache.set('gone', entry('read'));
    await wait(150);
    cache.get('gone', async () => undefined);
    await wait(5);
    assert.equal(cache.get('gone', async () => undefined), undefined);

    let release: () => void = () => {};
    cache.set('h', entry('read'));
    await wait(150);
    cache.get('h', async () => {
      await new Promise<void>((r) => (release = r));
      return entry('read'); // what the database said before the revocation
    });
    await cache.changed({ tokenIds: ['t1'] });
    assert.equal(cache.get('h', async () => undefined), undefined, 'revoked: not served, expired or not');
    release();
    await wait(5);
    assert.equal(cache.get('h'), undefined, 'the read begun before the revocation is not stored');
  });
});
