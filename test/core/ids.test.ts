// Ids compared as the numbers they are, without parsing: by length first, then digit by digit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareIds, idAtTime, isId } from '../../src/core/ids.ts';

describe('compareIds', () => {
  it('orders ids as numbers, whatever their length', () => {
    const ids = ['117702034542048766', '9', '10', '117702034529334781', '99999999999999999', idAtTime(Date.now())];
    const sorted = [...ids].sort(compareIds);
    assert.deepEqual(
      sorted,
      [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)),
    );
    assert.equal(compareIds('42', '42'), 0);
  });
});

describe('isId', () => {
  it('takes decimal digits that fit a PostgreSQL bigint, nothing else', () => {
    for (const ok of ['0', '7', '117702034542048766', '9223372036854775807', '0000000000000000001']) assert.equal(isId(ok), true, ok);
    for (const bad of ['', '-1', '1.5', ' 1', '1 ', '１２', '12a', '9223372036854775808', '99999999999999999999', '1e5', '0x10', '٣']) assert.equal(isId(bad), false, bad);
    for (const notText of [1, null, undefined, 12n, ['1'], { id: '1' }]) assert.equal(isId(notText), false, String(notText));
  });
});
