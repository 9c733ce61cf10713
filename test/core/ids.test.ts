// Ids compared as the numbers they are, without parsing: by length first, then digit by digit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareIds, idAtTime } from '../../src/core/ids.ts';

describe('compareIds', () => {
  it('orders ids as numbers, whatever their length', () => {
    const ids = ['117702034542048766', '9', '10', '117702034529334781', '99999999999999999', idAtTime(Date.now())];
    const sorted = [...ids].sort(compareIds);
    assert.deepEqual(sorted, [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)));
    assert.equal(compareIds('42', '42'), 0);
  });
});
