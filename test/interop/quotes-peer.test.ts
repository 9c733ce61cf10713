// Quote posts with software Parley was not written with (the bare Fedify server of
// test/helpers/fedify-peer.ts), driven through masto.js: a Misskey-style note (`_misskey_quote`
// alone) comes in as a quote, pending unless it quotes its own author; a note claiming an
// authorization Parley never gave stays pending; the peer's QuoteRequest is answered with an Accept
// naming a QuoteAuthorization the peer can fetch and check, or with a Reject for a followers-only post.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Create, Follow, Note, PUBLIC_COLLECTION, QuoteAuthorization, QuoteRequest, type Activity } from '@fedify/vocab';
import type { mastodon } from 'masto';
import { startFedifyPeer, type FedifyPeer } from '../helpers/fedify-peer.ts';
import { person, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const AS = 'https://www.w3.org/ns/activitystreams';

describe('quote posts with an independent Fedify server', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let parley: TestServer;
  let peer: FedifyPeer;
  let ana: Person;

  before(async () => {
    [parley, peer] = await Promise.all([startServer({ PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' }, { tls: tls!, proxy: true }), startFedifyPeer(tls!)]);
    ana = await person(parley.url, 'ana');
  });
  after(async () => {
    assert.deepEqual(parley.problems, []);
    await Promise.all([parley?.stop(), peer?.stop()]);
  });

  const anaUri = () => new URL(`${parley.url}/users/ana`);
  const send = (activity: Activity) => peer.context().sendActivity({ identifier: 'relay' }, { id: anaUri(), inboxId: new URL(`${parley.url}/users/ana/inbox`) }, activity, { immediate: true });
  /** A note the peer serves as raw JSON at /files/{name}, the way Misskey writes it. */
  const serveRaw = (name: string, json: Record<string, unknown>, terms: Record<string, unknown> = {}) => {
    const id = `${peer.origin}/files/${name}`;
    const body = {
      '@context': [AS, { misskey: 'https://misskey-hub.net/ns#', _misskey_quote: 'misskey:_misskey_quote', ...terms }],
      id,
      type: 'Note',
      attributedTo: peer.actorUri.href,
      to: [`${AS}#Public`],
      ...json,
    };
    peer.files.set(name, { type: 'application/activity+json', bytes: Buffer.from(JSON.stringify(body)) });
    return id;
  };
  /** The status Parley stored for `uri`, once the peer's Create of it has been read. */
  const stored = (uri: string) => eventually(async () => (await ana.masto.v1.timelines.public.list({ remote: true })).find((s) => s.uri === uri), 20_000, `${uri} on Parley`);
  const quoteOf = (s: mastodon.v1.Status) => s.quote as mastodon.v1.Quote | null;

  it('reads a Misskey-style _misskey_quote as a quote: accepted for its author’s own post, pending for another’s', async () => {
    const own = new Note({ id: new URL('/notes/own', peer.origin), attribution: peer.actorUri, content: 'The peer’s own words', to: PUBLIC_COLLECTION });
    peer.notes.set('own', own);
    const post = await ana.masto.v1.statuses.create({ status: 'Ana says something' });
    const selfQuote = serveRaw('mk-self', { content: 'As I said', _misskey_quote: own.id!.href });
    const otherQuote = serveRaw('mk-other', { content: 'Ana says so', _misskey_quote: post.uri });
    for (const id of [selfQuote, otherQuote]) await send(new Create({ id: new URL(`${id}/create`), actor: peer.actorUri, object: new URL(id), to: PUBLIC_COLLECTION }));

    const self = quoteOf(await stored(selfQuote));
    assert.equal(self?.state, 'accepted', 'quoting one’s own post needs no consent');
    assert.equal(self?.quotedStatus?.uri, own.id!.href);
    // No FEP-044f consent behind it: shown as Mastodon shows such quotes, pending, without the post.
    const other = quoteOf(await stored(otherQuote));
    assert.equal(other?.state, 'pending');
    assert.equal(other?.quotedStatus ?? null, null);
    assert.equal((await ana.masto.v1.statuses.$select(post.id).fetch()).quotesCount, 0);
  });

  it('does not take an authorization Parley never gave: the quote stays pending', async () => {
    const post = await ana.masto.v1.statuses.create({ status: 'Not yours to stamp' });
    const fep = (term: string) => ({ '@id': `https://w3id.org/fep/044f#${term}`, '@type': '@id' });
    const forged = serveRaw(
      'forged',
      { content: 'Approved, trust me', quote: post.uri, quoteAuthorization: `${peer.origin}/stamps/1` },
      { quote: fep('quote'), quoteAuthorization: fep('quoteAuthorization') },
    );
    await send(new Create({ id: new URL(`${forged}/create`), actor: peer.actorUri, object: new URL(forged), to: PUBLIC_COLLECTION }));
    assert.equal(quoteOf(await stored(forged))?.state, 'pending');
  });

  it('answers the peer’s QuoteRequest with an Accept whose QuoteAuthorization the peer fetches and checks', async () => {
    const post = await ana.masto.v1.statuses.create({ status: 'Quote me, peer' });
    const quoting = new Note({ id: new URL('/notes/quoting', peer.origin), attribution: peer.actorUri, content: 'Quoting Ana', quote: new URL(post.uri), to: PUBLIC_COLLECTION });
    peer.notes.set('quoting', quoting);
    const requestId = `${peer.origin}/quote-requests/1`;
    await send(new QuoteRequest({ id: new URL(requestId), actor: peer.actorUri, object: new URL(post.uri), instrument: quoting, to: anaUri() }));

    const accept = await eventually(async () => peer.received.find((a) => a.type === 'Accept' && (a.object?.id ?? a.object) === requestId), 20_000, 'the Accept at the peer');
    const stamp = await peer.context().lookupObject(accept.result);
    assert.ok(stamp instanceof QuoteAuthorization, 'the result is a QuoteAuthorization');
    assert.equal(stamp.id?.href, accept.result);
    assert.equal(stamp.attributionId?.href, anaUri().href);
    assert.equal(stamp.interactingObjectId?.href, quoting.id!.href);
    assert.equal(stamp.interactionTargetId?.href, post.uri);

    // On Parley: the quote is accepted, counted and told to Ana.
    const told = await eventually(async () => (await ana.masto.v1.notifications.list({ types: ['quote'] } as never))[0], 20_000, 'the quote notification');
    assert.equal(told.status?.uri, quoting.id!.href);
    assert.equal(quoteOf(told.status!)?.state, 'accepted');
    assert.equal((await ana.masto.v1.statuses.$select(post.id).fetch()).quotesCount, 1);
  });

  it('rejects the peer’s QuoteRequest for a followers-only post, though the peer follows', async () => {
    await send(new Follow({ id: new URL('/follows/ana', peer.origin), actor: peer.actorUri, object: anaUri() }));
    await eventually(async () => (await ana.masto.v1.accounts.$select(ana.id).followers.list()).length === 1, 20_000, 'the peer following');
    const secret = await ana.masto.v1.statuses.create({ status: 'Only for followers', visibility: 'private' });
    const quoting = new Note({ id: new URL('/notes/leak', peer.origin), attribution: peer.actorUri, content: 'Quoting a secret', quote: new URL(secret.uri), to: PUBLIC_COLLECTION });
    const requestId = `${peer.origin}/quote-requests/2`;
    await send(new QuoteRequest({ id: new URL(requestId), actor: peer.actorUri, object: new URL(secret.uri), instrument: quoting, to: anaUri() }));
    const reject = await eventually(async () => peer.received.find((a) => a.type === 'Reject' && (a.object?.id ?? a.object) === requestId), 20_000, 'the Reject at the peer');
    assert.equal(reject.result, undefined);
    assert.equal((await ana.masto.v1.statuses.$select(secret.id).fetch()).quotesCount, 0);
  });
});
