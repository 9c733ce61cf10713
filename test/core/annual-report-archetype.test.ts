// The archetype rule of annual reports, case by case (see core/annual-reports/archetype).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { archetypeOf } from '../../src/core/annual-reports/archetype.ts';
import { yearOpen } from '../../src/core/annual-reports/eligibility.ts';

it('names the archetype by the first rule that holds', () => {
  const year = (reblogs: number, replies: number, standalone: number, polls = 0) => archetypeOf({ total: reblogs + replies + standalone, reblogs, replies, standalone, polls });
  assert.equal(year(3, 3, 5), 'lurker', 'fewer than twelve statuses');
  assert.equal(year(7, 0, 5), 'booster', 'reblogs more than half');
  assert.equal(year(6, 0, 6), 'oracle', 'reblogs exactly half is not more than half');
  assert.equal(year(0, 13, 12), 'replier');
  assert.equal(year(0, 0, 20, 4), 'pollster', 'one post in five with a poll');
  assert.equal(year(0, 0, 20, 3), 'oracle');
});

it('opens the current year and the one before it', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  assert.deepEqual(
    [2024, 2025, 2026, 2027].map((y) => yearOpen(y, now)),
    [false, true, true, false],
  );
});
