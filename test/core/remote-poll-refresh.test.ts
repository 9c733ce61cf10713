// When a remote poll is worth reading again from its server (core/statuses/remote-poll-refresh), as
// Mastodon judges it: never read, or read over a minute ago and not since it ended.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POLL_STALE_MS, refreshDue } from '../../src/core/statuses/remote-poll-refresh.ts';

describe('refreshDue', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  const at = (ms: number) => new Date(now + ms);

  it('reads a poll never read, or read over a minute ago', () => {
    assert.equal(refreshDue({ lastFetchedAt: null, expiresAt: at(3_600_000) }, now), true);
    assert.equal(refreshDue({ lastFetchedAt: at(-POLL_STALE_MS - 1), expiresAt: at(3_600_000) }, now), true);
    assert.equal(refreshDue({ lastFetchedAt: at(-POLL_STALE_MS - 1), expiresAt: null }, now), true, 'a poll without an end');
  });

  it('does not read a poll read within the minute', () => {
    assert.equal(refreshDue({ lastFetchedAt: at(-1000), expiresAt: at(3_600_000) }, now), false);
    assert.equal(refreshDue({ lastFetchedAt: at(-1000), expiresAt: at(-3_600_000) }, now), false);
  });

  it('reads an ended poll once after its end, then no more', () => {
    assert.equal(refreshDue({ lastFetchedAt: at(-7_200_000), expiresAt: at(-3_600_000) }, now), true, 'read before it ended');
    assert.equal(refreshDue({ lastFetchedAt: at(-1_800_000), expiresAt: at(-3_600_000) }, now), false, 'read since it ended');
  });
});
