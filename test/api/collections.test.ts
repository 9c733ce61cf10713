// Collections (Mastodon 4.6+) through masto.js and plain HTTP, every JSON answer checked against
// the OpenAPI description (server.problems): made, read, changed, deleted; only discoverable
// accounts that block nobody involved may be featured; the featured account revokes its item and
// cannot be added again; others' collections are refused; blocked and suspended accounts vanish.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConformance } from '../helpers/conformance.ts';
import { call, signUp } from '../helpers/http.ts';
import { signedUp, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('collections', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  /** A person who may be featured (discoverable) unless `shy`. */
  const person = (name: string, shy = false): Promise<Person> => signedUp(server.url, name, { discoverable: !shy });
  const conformance = loadConformance();
  /**
   * The description gives these answers no schema of their own (only "[WrappedCollection]"), so the
   * server's own check passes them over: their entities are checked here.
   */
  const checkEntities = (body: Record<string, any>) => {
    const problems = [
      ...(body.collection ? conformance.entity('Collection', body.collection) : []),
      ...(body.collections ?? []).flatMap((c: unknown) => conformance.entity('Collection', c)),
      ...(body.collection_item ? conformance.entity('CollectionItem', body.collection_item) : []),
    ];
    assert.deepEqual(problems, []);
  };
  const api = async (path: string, who: Person | null, options: { method?: string; json?: unknown } = {}) => {
    const reply = await call(server.url, path, { ...options, ...(who ? { token: who.token } : {}) });
    if (reply.status === 200 && reply.body && typeof reply.body === 'object') checkEntities(reply.body);
    return reply;
  };
  const make = async (owner: Person, json: Record<string, unknown>) => {
    const made = await api('/api/v1/collections', owner, { json });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    return made.body.collection as { id: string; items: { id: string; account_id: string; state: string }[] };
  };

  it('makes, reads, changes and deletes a collection, featuring accounts (masto.js)', async () => {
    const [embassy, north, south] = [await person('co_embassy'), await person('co_north'), await person('co_south')];
    const { collection } = await embassy.masto.v1.collections.create({
      name: 'Our consulates',
      description: 'Follow them for local news',
      language: 'fr',
      tagName: '#Diplomacy',
      accountIds: [north.id],
    });
    assert.equal(collection.accountId, embassy.id);
    assert.equal(collection.name, 'Our consulates');
    assert.equal(collection.language, 'fr');
    assert.deepEqual(collection.tag, { name: 'Diplomacy', url: `${server.url}/tags/diplomacy` });
    assert.equal(collection.discoverable, true, 'discoverable unless told otherwise');
    assert.equal(collection.sensitive, false);
    assert.equal(collection.local, true);
    assert.equal(collection.itemCount, 1);
    assert.deepEqual(
      collection.items.map((i) => [i.accountId, i.state]),
      [[north.id, 'accepted']],
      'a local account is accepted at once',
    );

    const { collectionItem } = await embassy.masto.v1.collections.$select(collection.id).items.create({ accountId: south.id });
    assert.equal(collectionItem.state, 'accepted');
    const read = await south.masto.v1.collections.$select(collection.id).fetch();
    assert.deepEqual(
      read.accounts.map((a) => a.username),
      ['co_embassy', 'co_north', 'co_south'],
      'the owner first, then the featured accounts in order',
    );
    const anonymous = await api(`/api/v1/collections/${collection.id}`, null);
    assert.equal(anonymous.status, 200, 'anyone may read a collection');
    assert.equal(anonymous.body.collection.item_count, 2);

    const { collection: changed } = await embassy.masto.v1.collections.$select(collection.id).update({ name: 'Consulates', sensitive: true, tagName: '' });
    assert.equal(changed.name, 'Consulates');
    assert.equal(changed.sensitive, true);
    assert.equal(changed.description, 'Follow them for local news', 'fields not given stay');
    assert.equal(changed.tag, null, 'an empty tag_name takes the hashtag away');

    for (const path of [`/api/v1/accounts/${embassy.id}/collections`, `/api/v1/accounts/${north.id}/in_collections`]) {
      assert.equal((await api(path, north)).body.collections.length, 1, path);
    }
    const listed = await north.masto.v1.accounts.$select(embassy.id).collections.list();
    assert.deepEqual(
      listed.collections.map((c) => c.id),
      [collection.id],
    );
    const featuring = await north.masto.v1.accounts.$select(north.id).inCollections.list();
    assert.deepEqual(
      featuring.collections.map((c) => c.id),
      [collection.id],
    );

    await embassy.masto.v1.collections.$select(collection.id).items.$select(collectionItem.id).remove();
    assert.deepEqual((await api(`/api/v1/accounts/${south.id}/in_collections`, south)).body.collections, [], 'removed: no longer featured');
    const again = await api(`/api/v1/collections/${collection.id}/items`, embassy, { json: { account_id: south.id } });
    assert.equal(again.status, 200, 'a removed account may be added again');

    await embassy.masto.v1.collections.$select(collection.id).remove();
    assert.equal((await api(`/api/v1/collections/${collection.id}`, embassy)).status, 404);
    assert.deepEqual((await api(`/api/v1/accounts/${south.id}/in_collections`, south)).body.collections, []);
  });

  it('refuses bad input with 422, in Mastodon’s nested form for a collection’s fields', async () => {
    const [owner, friend] = [await person('co_bad_owner'), await person('co_bad_friend')];
    const long = await api('/api/v1/collections', owner, { json: { name: 'x'.repeat(41) } });
    assert.equal(long.status, 422);
    assert.match(long.body.error.error, /Name is too long \(maximum is 40 characters\)/);
    assert.equal(long.body.error.details.name[0].error, 'ERR_TOO_LONG');
    for (const json of [{}, { name: '  ' }, { name: 'ok', description: 'd'.repeat(101) }, { name: 'ok', language: 'not a language' }, { name: 'ok', tag_name: 'two words' }]) {
      const refused = await api('/api/v1/collections', owner, { json });
      assert.equal(refused.status, 422, JSON.stringify(json));
      assert.equal(typeof refused.body.error.error, 'string');
    }

    const made = await make(owner, { name: 'Good', account_ids: [friend.id] });
    const patched = await api(`/api/v1/collections/${made.id}`, owner, { method: 'PATCH', json: { name: '' } });
    assert.equal(patched.status, 422);
    assert.equal(patched.body.error.details.name[0].error, 'ERR_BLANK');

    const missing = await api(`/api/v1/collections/${made.id}/items`, owner, { json: {} });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.error, '`account_id` parameter is missing');
    const twice = await api(`/api/v1/collections/${made.id}/items`, owner, { json: { account_id: friend.id } });
    assert.equal(twice.status, 422, 'an account is featured once');
    assert.equal((await api(`/api/v1/collections/${made.id}/items`, owner, { json: { account_id: '123456789' } })).status, 404, 'no such account');
    assert.equal((await api('/api/v1/collections', owner, { json: { name: 'x', account_ids: ['99999999999'] } })).status, 404);
    assert.equal((await api('/api/v1/collections', null, { json: { name: 'x' } })).status, 401);
  });

  it('limits the collections an account may make', async () => {
    const owner = await person('co_many');
    for (let i = 0; i < 10; i++) await make(owner, { name: `Collection ${i}` });
    const over = await api('/api/v1/collections', owner, { json: { name: 'One too many' } });
    assert.equal(over.status, 422);
    assert.match(over.body.error.error, /more than 10 collections/);
  });

  it('holds at most 25 accounts', async () => {
    const owner = await person('co_full_owner');
    const crowd: Person[] = [];
    for (let batch = 0; batch < 26; batch += 13) crowd.push(...(await Promise.all(Array.from({ length: 13 }, (_, i) => person(`co_full_${batch + i}`)))));
    const ids = crowd.map((p) => p.id);
    const over = await api('/api/v1/collections', owner, { json: { name: 'Too many', account_ids: ids } });
    assert.equal(over.status, 422);
    assert.match(over.body.error.error, /maximum is 25/);
    const full = await make(owner, { name: 'Full', account_ids: ids.slice(0, 25) });
    assert.equal(full.items.length, 25);
    const more = await api(`/api/v1/collections/${full.id}/items`, owner, { json: { account_id: ids[25] } });
    assert.equal(more.status, 422);
    await api(`/api/v1/collections/${full.id}/items/${full.items[0]!.id}/revoke`, crowd[0]!, { method: 'POST' });
    assert.equal((await api(`/api/v1/collections/${full.id}/items`, owner, { json: { account_id: ids[25] } })).status, 200, 'a revoked item leaves room');
  });

  it('features only discoverable accounts that block nobody involved, with their consent', async () => {
    const [owner, shy, blocker, blocked, ok] = [
      await person('co_who_owner'),
      await person('co_who_shy', true),
      await person('co_who_blocker'),
      await person('co_who_blocked'),
      await person('co_who_ok'),
    ];
    await api(`/api/v1/accounts/${owner.id}/block`, blocker, { method: 'POST' });
    await api(`/api/v1/accounts/${blocked.id}/block`, owner, { method: 'POST' });
    const made = await make(owner, { name: 'Picks' });
    for (const target of [shy, blocker, blocked]) {
      const refused = await api(`/api/v1/collections/${made.id}/items`, owner, { json: { account_id: target.id } });
      assert.equal(refused.status, 403, target.name);
      assert.equal(refused.body.error, 'This account cannot be added to collections');
    }
    assert.equal((await api('/api/v1/collections', owner, { json: { name: 'Mixed', account_ids: [ok.id, shy.id] } })).status, 403, 'all or nothing');
    assert.equal((await api(`/api/v1/accounts/${owner.id}/collections`, owner)).body.collections.length, 1, 'the refused one was not made');
    const self = await api(`/api/v1/collections/${made.id}/items`, owner, { json: { account_id: owner.id } });
    assert.equal(self.status, 200, 'a discoverable owner may feature itself');
  });

  it('lets the featured account revoke its item, and nobody else', async () => {
    const [owner, star, stranger] = [await person('co_rev_owner'), await person('co_rev_star'), await person('co_rev_stranger')];
    const made = await make(owner, { name: 'Stars', account_ids: [star.id] });
    const itemId = made.items[0]!.id;
    const path = `/api/v1/collections/${made.id}/items/${itemId}/revoke`;
    assert.equal((await api(path, owner, { method: 'POST' })).status, 403, 'the owner removes items, it does not revoke them');
    assert.equal((await api(path, stranger, { method: 'POST' })).status, 403);
    assert.equal((await api(`/api/v1/collections/${made.id}/items/999999/revoke`, star, { method: 'POST' })).status, 404);
    await star.masto.v1.collections.$select(made.id).items.$select(itemId).revoke();
    const seen = await api(`/api/v1/collections/${made.id}`, owner);
    assert.deepEqual(seen.body.collection.items, [], 'a revoked item is shown to nobody');
    assert.deepEqual(
      seen.body.accounts.map((a: { id: string }) => a.id),
      [owner.id],
    );
    assert.deepEqual((await api(`/api/v1/accounts/${star.id}/in_collections`, star)).body.collections, []);
    const readded = await api(`/api/v1/collections/${made.id}/items`, owner, { json: { account_id: star.id } });
    assert.equal(readded.status, 422, 'revoked: the owner cannot add it again');
  });

  it("refuses others' collections and others' featured lists", async () => {
    const [owner, other] = [await person('co_own_owner'), await person('co_own_other')];
    const made = await make(owner, { name: 'Mine', account_ids: [other.id] });
    const itemId = made.items[0]!.id;
    assert.equal((await api(`/api/v1/collections/${made.id}`, other, { method: 'PATCH', json: { name: 'Theirs' } })).status, 403);
    assert.equal((await api(`/api/v1/collections/${made.id}`, other, { method: 'DELETE' })).status, 403);
    assert.equal((await api(`/api/v1/collections/${made.id}/items`, other, { json: { account_id: other.id } })).status, 403);
    assert.equal((await api(`/api/v1/collections/${made.id}/items/${itemId}`, other, { method: 'DELETE' })).status, 403, 'the featured account revokes instead');
    assert.equal((await api(`/api/v1/collections/${made.id}/items/123`, owner, { method: 'DELETE' })).status, 404);
    for (const method of ['GET', 'PATCH', 'DELETE']) assert.equal((await api('/api/v1/collections/1234567', owner, { method })).status, 404, method);
    assert.equal((await api(`/api/v1/accounts/${other.id}/in_collections`, owner)).status, 403, 'only one’s own');
    assert.equal((await api(`/api/v1/accounts/${other.id}/in_collections`, null)).status, 401);
    assert.equal((await api('/api/v1/accounts/1234567/collections', owner)).status, 404);

    const writeOnly = (await signUp(server.url, 'co_own_writer', 'write')).token;
    const readOnly = (await signUp(server.url, 'co_own_reader', 'read write:accounts')).token;
    assert.equal((await call(server.url, `/api/v1/collections/${made.id}`, { token: writeOnly })).status, 403, 'a token sent must allow reading');
    assert.equal((await call(server.url, `/api/v1/accounts/${owner.id}/collections`, { token: writeOnly })).status, 403);
    assert.equal((await call(server.url, `/api/v1/collections/${made.id}`, { token: readOnly })).status, 200);
    assert.equal((await call(server.url, '/api/v1/collections', { token: readOnly, json: { name: 'x' } })).status, 403, 'making one needs write');
  });

  it('hides undiscoverable collections from others, and blocked and suspended accounts from everyone', async () => {
    const [owner, member, reader, shut] = [await person('co_vis_owner'), await person('co_vis_member'), await person('co_vis_reader'), await person('co_vis_shut')];
    const open = await make(owner, { name: 'Open', account_ids: [member.id] });
    const quiet = await make(owner, { name: 'Quiet', discoverable: false });
    const ids = async (who: Person | null) => (await api(`/api/v1/accounts/${owner.id}/collections`, who)).body.collections.map((c: { id: string }) => c.id);
    assert.deepEqual(await ids(owner), [quiet.id, open.id], 'the owner sees all, newest first');
    assert.deepEqual(await ids(reader), [open.id], 'others see the discoverable ones');
    assert.deepEqual(await ids(null), [open.id]);
    assert.equal((await api(`/api/v1/collections/${quiet.id}`, reader)).status, 200, 'read by id all the same, as Mastodon');
    const paged = await api(`/api/v1/accounts/${owner.id}/collections?limit=1`, owner);
    assert.equal(paged.body.collections.length, 1);
    assert.match(paged.headers.get('link') ?? '', /offset=1.*rel="next"/);

    await api(`/api/v1/accounts/${shut.id}/block`, owner, { method: 'POST' });
    assert.equal((await api(`/api/v1/collections/${open.id}`, shut)).status, 403, 'the owner blocks this reader');
    assert.deepEqual(await ids(shut), []);

    await api(`/api/v1/accounts/${member.id}/block`, reader, { method: 'POST' });
    const blockedView = await api(`/api/v1/collections/${open.id}`, reader);
    assert.deepEqual(blockedView.body.collection.items, [], 'the reader blocks the featured account');
    assert.deepEqual(
      blockedView.body.accounts.map((a: { id: string }) => a.id),
      [owner.id],
    );
    assert.equal((await api(`/api/v1/collections/${open.id}`, null)).body.collection.items.length, 1, 'others still see it');

    await server.app.core.accounts.setSuspended(member.id, true);
    assert.deepEqual((await api(`/api/v1/collections/${open.id}`, null)).body.collection.items, [], 'a suspended account is not shown');
    await server.app.core.accounts.setSuspended(member.id, false);
    await server.app.core.accounts.setSuspended(owner.id, true);
    assert.equal((await api(`/api/v1/collections/${open.id}`, reader)).status, 404, "a suspended owner's collections are gone");
    assert.equal((await api(`/api/v1/accounts/${owner.id}/collections`, reader)).status, 404);
    assert.deepEqual((await api(`/api/v1/accounts/${member.id}/in_collections`, member)).body.collections, []);
  });
});
