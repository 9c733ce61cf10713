// The ActivityPub door's first step: WebFinger finds local accounts, actors are served as
// ActivityPub with their keys, read back by Fedify's own vocabulary parser.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Person } from '@fedify/vocab';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const AP = 'application/activity+json';

describe('WebFinger and actors', () => {
  let server: TestServer;
  let host: string;
  before(async () => {
    server = await startServer();
    host = new URL(server.url).host;
    const user = await signUp(server.url, 'envoy');
    await call(server.url, '/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: user.token,
      json: { display_name: 'The Envoy', note: 'Consular news', locked: true, fields_attributes: [{ name: 'Site', value: 'https://embassy.example' }] },
    });
  });
  after(async () => {
    await server.stop();
  });

  it('answers WebFinger for acct:user@host with the actor link', async () => {
    const r = await fetch(`${server.url}/.well-known/webfinger?resource=${encodeURIComponent(`acct:envoy@${host}`)}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /application\/jrd\+json/);
    const jrd = (await r.json()) as { subject: string; links: { rel: string; type?: string; href?: string }[] };
    assert.equal(jrd.subject, `acct:envoy@${host}`);
    const self = jrd.links.find((l) => l.rel === 'self');
    assert.equal(self?.type, AP);
    assert.equal(self?.href, `${server.url}/users/envoy`);
    const unknown = await fetch(`${server.url}/.well-known/webfinger?resource=${encodeURIComponent(`acct:nobody@${host}`)}`);
    assert.equal(unknown.status, 404);
  });

  it('serves the actor as ActivityPub, with an RSA key and an Ed25519 multikey that stay the same', async () => {
    const r = await fetch(`${server.url}/users/envoy`, { headers: { accept: AP } });
    assert.equal(r.status, 200);
    const json = await r.json();
    // Fedify's parser, with its preloaded JSON-LD contexts (no network), must read what we serve.
    const person = await Person.fromJsonLd(json);
    const doc = json as Record<string, any>;
    assert.equal(doc.type, 'Person');
    assert.equal(doc.id, `${server.url}/users/envoy`);
    assert.equal(doc.preferredUsername, 'envoy');
    assert.equal(doc.name, 'The Envoy');
    assert.equal(doc.manuallyApprovesFollowers, true);
    assert.equal(doc.inbox, `${server.url}/users/envoy/inbox`);
    assert.equal(doc.endpoints.sharedInbox, `${server.url}/inbox`);
    assert.match(doc.publicKey.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(doc.publicKey.owner, doc.id);
    assert.ok(Array.isArray(doc.assertionMethod) && doc.assertionMethod.length === 2);
    assert.equal(person.preferredUsername?.toString(), 'envoy');
    assert.equal(person.manuallyApprovesFollowers, true);
    assert.equal((await person.getPublicKey())?.id?.href, doc.publicKey.id);
    const again = (await (await fetch(`${server.url}/users/envoy`, { headers: { accept: AP } })).json()) as Record<string, any>;
    assert.equal(again.publicKey.publicKeyPem, doc.publicKey.publicKeyPem, 'keys are made once and kept');
  });

  it('answers unknown actors with 404 and sends browsers to the profile page', async () => {
    assert.equal((await fetch(`${server.url}/users/nobody`, { headers: { accept: AP } })).status, 404);
    const html = await fetch(`${server.url}/users/envoy`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(html.status, 302);
    assert.equal(new URL(html.headers.get('location')!, server.url).pathname, '/@envoy');
    const other = await fetch(`${server.url}/users/envoy/followers`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(other.status, 406, 'what has no page says it is ActivityPub only');
    assert.match(((await other.json()) as { error: string }).error, /ActivityPub/);
  });

  it('serves followers and following as paged collections', async () => {
    const fan = await signUp(server.url, 'attache');
    const envoy = (await call(server.url, '/api/v1/accounts/lookup?acct=envoy')).body.id;
    const fanId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: fan.token })).body.id;
    // envoy is locked: the request waits for approval, then the follow exists.
    await call(server.url, `/api/v1/accounts/${envoy}/follow`, { method: 'POST', token: fan.token });
    const envoyToken = (
      await call(server.url, '/oauth/token', {
        form: { grant_type: 'password', client_id: fan.clientId, client_secret: fan.clientSecret, username: 'envoy', password: 'correct horse battery', scope: 'read write follow' },
      })
    ).body.access_token;
    await call(server.url, `/api/v1/follow_requests/${fanId}/authorize`, { method: 'POST', token: envoyToken });
    const collection = (await (await fetch(`${server.url}/users/envoy/followers`, { headers: { accept: AP } })).json()) as Record<string, any>;
    assert.equal(collection.type, 'OrderedCollection');
    assert.equal(collection.totalItems, 1);
    const first = (await (await fetch(typeof collection.first === 'string' ? collection.first : collection.first.id, { headers: { accept: AP } })).json()) as Record<string, any>;
    assert.deepEqual(first.orderedItems, [`${server.url}/users/attache`]);
    const following = (await (await fetch(`${server.url}/users/attache/following`, { headers: { accept: AP } })).json()) as Record<string, any>;
    assert.equal(following.totalItems, 1);
    const actor = (await (await fetch(`${server.url}/users/envoy`, { headers: { accept: AP } })).json()) as Record<string, any>;
    assert.equal(actor.followers, `${server.url}/users/envoy/followers`);
    assert.equal(actor.following, `${server.url}/users/envoy/following`);
  });

  it('leaves the Mastodon API untouched', async () => {
    const r = await call(server.url, '/api/v1/accounts/lookup?acct=envoy');
    assert.equal(r.status, 200);
    assert.equal(r.body.uri, `${server.url}/users/envoy`);
  });
});
