// Group commit: writes that arrive while statements are under way go out together; a failed group
// is tried again one write at a time, so only the bad write fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGroupCommit } from '../../src/infra/group-commit.ts';

function controlled() {
  const groups: number[][] = [];
  const pending: (() => void)[] = [];
  const run = async (items: number[]): Promise<string[]> => {
    groups.push(items);
    await new Promise<void>((r) => pending.push(r));
    if (items.includes(13)) throw new Error('unlucky');
    return items.map((n) => `done ${n}`);
  };
  const releaseAll = async () => {
    while (pending.length > 0) {
      for (const r of pending.splice(0)) r();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { groups, run, releaseAll };
}

describe('group commit', () => {
  it('sends the first writes at once and groups those that arrive meanwhile', async () => {
    const { groups, run, releaseAll } = controlled();
    const commit = createGroupCommit(run, { maxGroup: 3, concurrency: 1 });
    const results = [1, 2, 3, 4, 5, 6].map((n) => commit.submit(n));
    assert.deepEqual(groups, [[1]], 'the first goes out alone, without waiting');
    await releaseAll();
    assert.deepEqual(
      await Promise.all(results),
      [1, 2, 3, 4, 5, 6].map((n) => `done ${n}`),
    );
    assert.deepEqual(groups, [[1], [2, 3, 4], [5, 6]], 'then groups of at most three, in order');
  });

  it('runs as many statements at once as allowed', async () => {
    const { groups, run, releaseAll } = controlled();
    const commit = createGroupCommit(run, { maxGroup: 10, concurrency: 2 });
    const results = [1, 2, 3, 4].map((n) => commit.submit(n));
    assert.deepEqual(groups, [[1], [2]]);
    await releaseAll();
    await Promise.all(results);
    assert.deepEqual(groups.slice(2), [[3, 4]]);
  });

  it('tries a failed group one write at a time: only the bad write fails', async () => {
    const { groups, run, releaseAll } = controlled();
    const commit = createGroupCommit(run, { maxGroup: 10, concurrency: 1 });
    const results = [1, 12, 13, 14].map((n) =>
      commit.submit(n).then(
        (r) => r,
        (e: Error) => e.message,
      ),
    );
    await releaseAll();
    assert.deepEqual(await Promise.all(results), ['done 1', 'done 12', 'unlucky', 'done 14']);
    assert.deepEqual(groups, [[1], [12, 13, 14], [12], [13], [14]]);
  });
});
