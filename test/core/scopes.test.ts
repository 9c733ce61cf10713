import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grants, parseScopes, unknownScopes, withinScopes } from '../../src/core/auth/scopes.ts';

describe('scopes', () => {
  it('parses space- and plus-separated scope strings without duplicates', () => {
    assert.deepEqual(parseScopes('read  write+follow read'), ['read', 'write', 'follow']);
    assert.deepEqual(parseScopes(undefined), []);
    assert.deepEqual(parseScopes(['read', 'write:statuses']), ['read', 'write:statuses']);
  });

  it('lets a top-level scope grant its granular scopes, and not the other way round', () => {
    assert.equal(grants(['read'], 'read:accounts'), true);
    assert.equal(grants(['read:accounts'], 'read'), false);
    assert.equal(grants(['read:accounts'], 'read:statuses'), false);
    assert.equal(grants(['write'], 'read:accounts'), false);
    assert.equal(grants(['admin:read'], 'admin:read:accounts'), true);
    assert.equal(grants(['admin:read'], 'read:accounts'), false);
  });

  it('treats the legacy follow scope as the follow, block and mute scopes', () => {
    for (const s of ['read:follows', 'write:follows', 'read:blocks', 'write:blocks', 'read:mutes', 'write:mutes']) assert.equal(grants(['follow'], s), true, s);
    assert.equal(grants(['follow'], 'read:statuses'), false);
  });

  it('finds unknown scopes and checks requests against registered scopes', () => {
    assert.deepEqual(unknownScopes(['read', 'telepathy', 'write:media']), ['telepathy']);
    assert.equal(withinScopes(['read', 'write:accounts'], ['read:statuses', 'write:accounts']), true);
    assert.equal(withinScopes(['read'], ['write']), false);
  });
});
