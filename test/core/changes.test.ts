// Committed changes reach the listeners of their type only, and are settled once every listener is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChanges } from '../../src/core/changes.ts';

describe('committed changes', () => {
  it('tells each listener of the type, and settles only when all of them have', async () => {
    const changes = createChanges();
    const heard: string[] = [];
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    changes.on('user.confirmed', async (c) => {
      await slow;
      heard.push(`slow ${c.userId}`);
    });
    changes.on('user.confirmed', async (c) => void heard.push(`quick ${c.userId}`));
    changes.on('account.suspended', async (c) => void heard.push(`suspended ${c.accountId}`));
    let settled = false;
    const announcing = changes.committed({ type: 'user.confirmed', userId: 'u1' }).then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(heard, ['quick u1']);
    assert.equal(settled, false, 'not settled while a listener is still forgetting');
    release();
    await announcing;
    assert.deepEqual(heard, ['quick u1', 'slow u1'], 'the other type’s listener heard nothing');
    await changes.committed({ type: 'profile.updated', accountId: 'a1', userId: 'u1' });
    assert.equal(heard.length, 2, 'a change nobody listens to is fine');
  });
});
