// Quote posts between two Parley servers (FEP-044f, over HTTPS with a test CA), driven through
// masto.js: a quote of the other server's post waits for its QuoteRequest's answer, is accepted by
// the quoted post's policy, and shows as accepted on both servers with an authorization anyone can
// check; revoking it reaches the quoting server; a third server's quote (the Fedify peer's) shown
// with B's stamp is checked with B by A; a followers-only post cannot be quoted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Create, Note, PUBLIC_COLLECTION, QuoteRequest } from '@fedify/vocab';
import type { mastodon } from 'masto';
import { startFedifyPeer, type FedifyPeer } from '../helpers/fedify-peer.ts';
import { call } from '../helpers/http.ts';
import { person, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const FEDERATE = { PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' };
const AP = { accept: 'application/activity+json' };

describe('quote posts between two Parley servers', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let a: TestServer;
  let b: TestServer;
  let peer: FedifyPeer;

  before(async () => {
    [a, b, peer] = await Promise.all([startServer(FEDERATE, { tls: tls!, proxy: true }), startServer(FEDERATE, { tls: tls!, proxy: true }), startFedifyPeer(tls!)]);
  });
  after(async () => {
    assert.deepEqual([...a.problems, ...b.problems], []);
    await Promise.all([a?.stop(), b?.stop(), peer?.stop()]);
  });

  /** The status at `uri` as `who` finds it on their server (looked up there when unknown). */
  async function found(who: Person, uri: string): Promise<mastodon.v1.Status> {
    const result = await who.masto.v2.search.list({ q: uri, resolve: true, type: 'statuses' });
    assert.equal(result.statuses.length, 1, `${uri} found`);
    return result.statuses[0]!;
  }
  const quoteOf = (who: Person, id: string) =>
    who.masto.v1.statuses
      .$select(id)
      .fetch()
      .then((s) => s.quote as mastodon.v1.Quote | null);
  const follow = async (who: Person, server: TestServer, target: Person, targetServer: TestServer) => {
    const handle = `${target.name}@${new URL(targetServer.url).host}`;
    const [account] = (await who.masto.v2.search.list({ q: handle, resolve: true, type: 'accounts' })).accounts;
    await who.masto.v1.accounts.$select(account!.id).follow();
    await eventually(async () => (await who.masto.v1.accounts.relationships.fetch({ id: [account!.id] }))[0]?.following, 20_000, `${who.name} following on ${server.url}`);
  };

  it('asks for a quote of the other server’s post, is accepted by its policy, and shows it accepted on both', async () => {
    const [alice, bob] = await Promise.all([person(a.url, 'alice_auto'), person(b.url, 'bob_auto')]);
    const original = await alice.masto.v1.statuses.create({ status: 'Quotable across servers' });
    const onB = await found(bob, original.uri);
    const quoting = await bob.masto.v1.statuses.create({ status: 'Well said', quotedStatusId: onB.id } as mastodon.rest.v1.CreateStatusParams);
    // Until the quoted author's server answers, the quote waits.
    assert.equal(quoting.quote?.state, 'pending');
    const accepted = await eventually(async () => ((await quoteOf(bob, quoting.id))?.state === 'accepted' ? quoteOf(bob, quoting.id) : null), 20_000, 'the Accept on B');
    assert.equal(accepted!.quotedStatus?.id, onB.id);

    // On A: the author is told, sees it accepted, and it counts among the post's quotes.
    const told = await eventually(async () => (await alice.masto.v1.notifications.list({ types: ['quote'] } as never))[0], 20_000, 'the quote notification on A');
    assert.equal(told.status?.uri, quoting.uri);
    const seenOnA = told.status!.quote as mastodon.v1.Quote;
    assert.equal(seenOnA.state, 'accepted');
    assert.equal(seenOnA.quotedStatus?.id, original.id);
    const listed = await alice.masto.v1.statuses.$select(original.id).quotes.list();
    assert.deepEqual(
      listed.map((s) => s.uri),
      [quoting.uri],
    );
    assert.equal((await alice.masto.v1.statuses.$select(original.id).fetch()).quotesCount, 1);

    // B's note names the quote in every form readers know, with the authorization A serves.
    const note = await eventually(
      async () => {
        const json = (await fetch(quoting.uri, { headers: AP }).then((r) => r.json())) as Record<string, string>;
        return json.quoteAuthorization ? json : null;
      },
      20_000,
      'the authorization in the note',
    );
    for (const key of ['quote', 'quoteUri', '_misskey_quote', 'quoteUrl']) assert.equal(note[key], original.uri, key);
    const stamp = (await fetch(note.quoteAuthorization!, { headers: AP }).then((r) => r.json())) as Record<string, string>;
    assert.equal(stamp.type, 'QuoteAuthorization');
    assert.equal(stamp.attributedTo, `${a.url}/users/${alice.name}`);
    assert.equal(stamp.interactingObject, quoting.uri);
    assert.equal(stamp.interactionTarget, original.uri);
  });

  it('under Parley’s manual policy, the request waits for the author: approved, accepted on both; turned down, rejected', async () => {
    const [alice, bob] = await Promise.all([person(a.url, 'alice_manual'), person(b.url, 'bob_manual')]);
    const original = await alice.masto.v1.statuses.create({ status: 'Ask me first' });
    const set = await call(a.url, `/api/parley/v1/statuses/${original.id}/quote_policy`, { method: 'PUT', token: alice.token, json: { quote_approval_policy: 'manual' } });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body.quote_approval, { automatic: [], manual: ['public'], current_user: 'automatic' });
    const onB = await found(bob, original.uri);
    assert.deepEqual(onB.quoteApproval, { automatic: [], manual: ['public'], currentUser: 'manual' }, 'B reads the manual policy');
    const quoting = await bob.masto.v1.statuses.create({ status: 'May I?', quotedStatusId: onB.id } as mastodon.rest.v1.CreateStatusParams);
    const requests = () => call(a.url, `/api/parley/v1/statuses/${original.id}/quote_requests`, { token: alice.token });
    const waiting = await eventually(async () => (await requests()).body[0], 20_000, 'the request on A');
    assert.equal(waiting.uri, quoting.uri);
    assert.equal(waiting.quote.state, 'pending');
    // Everything delivered and handled on both sides, the quote still waits.
    await Promise.all([a.app.jobs.idle(20_000), b.app.jobs.idle(20_000)]);
    assert.equal((await quoteOf(bob, quoting.id))?.state, 'pending');

    const approved = await call(a.url, `/api/parley/v1/statuses/${original.id}/quotes/${waiting.id}/approve`, { method: 'POST', token: alice.token });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.quote.state, 'accepted');
    assert.deepEqual((await requests()).body, []);
    await eventually(async () => (await quoteOf(bob, quoting.id))?.state === 'accepted', 20_000, 'the Accept on B');

    // A request the author turns down (Mastodon's revoke) is answered with a Reject.
    const second = await bob.masto.v1.statuses.create({ status: 'And again?', quotedStatusId: onB.id } as mastodon.rest.v1.CreateStatusParams);
    const next = await eventually(async () => (await requests()).body[0], 20_000, 'the second request on A');
    assert.equal((await call(a.url, `/api/v1/statuses/${original.id}/quotes/${next.id}/revoke`, { method: 'POST', token: alice.token })).status, 200);
    await eventually(async () => (await quoteOf(bob, second.id))?.state === 'rejected', 20_000, 'the Reject on B');
  });

  it('reads who may quote a post from its interactionPolicy; a request the policy refuses is answered with a Reject', async () => {
    const [alice, bob] = await Promise.all([person(a.url, 'alice_reject'), person(b.url, 'bob_reject')]);
    const kept = await alice.masto.v1.statuses.create({ status: 'Not for quoting', quoteApprovalPolicy: 'nobody' } as mastodon.rest.v1.CreateStatusParams);
    const keptOnB = await found(bob, kept.uri);
    assert.deepEqual(keptOnB.quoteApproval, { automatic: [], manual: [], currentUser: 'denied' });
    assert.equal((await call(b.url, '/api/v1/statuses', { method: 'POST', token: bob.token, json: { status: 'Trying', quoted_status_id: keptOnB.id } })).status, 422);

    // A policy changed after B read the post (B, following no one there, hears nothing of it): B asks, and hears no.
    const original = await alice.masto.v1.statuses.create({ status: 'Quotable for now' });
    const onB = await found(bob, original.uri);
    assert.equal(onB.quoteApproval?.currentUser, 'automatic');
    await call(a.url, `/api/v1/statuses/${original.id}/interaction_policy`, { method: 'PUT', token: alice.token, json: { quote_approval_policy: 'nobody' } });
    const quoting = await bob.masto.v1.statuses.create({ status: 'Trying', quotedStatusId: onB.id } as mastodon.rest.v1.CreateStatusParams);
    await eventually(async () => (await quoteOf(bob, quoting.id))?.state === 'rejected', 20_000, 'the Reject on B');
    assert.equal((await alice.masto.v1.statuses.$select(original.id).fetch()).quotesCount, 0);
    assert.deepEqual(await alice.masto.v1.statuses.$select(original.id).quotes.list(), []);
  });

  it('revoking a quote on the quoted server marks it revoked on the quoting one, and its authorization is gone', async () => {
    const [alice, bob] = await Promise.all([person(a.url, 'alice_revoke'), person(b.url, 'bob_revoke')]);
    const original = await alice.masto.v1.statuses.create({ status: 'Quote me, then maybe not' });
    const quoting = await bob.masto.v1.statuses.create({ status: 'Agreed', quotedStatusId: (await found(bob, original.uri)).id } as mastodon.rest.v1.CreateStatusParams);
    await eventually(async () => (await quoteOf(bob, quoting.id))?.state === 'accepted', 20_000, 'the Accept on B');
    const onA = await eventually(async () => (await alice.masto.v1.statuses.$select(original.id).quotes.list())[0], 20_000, 'the quote on A');
    const stamp = ((await fetch(quoting.uri, { headers: AP }).then((r) => r.json())) as Record<string, string>).quoteAuthorization!;

    const revoked = await call(a.url, `/api/v1/statuses/${original.id}/quotes/${onA.id}/revoke`, { method: 'POST', token: alice.token });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.quote.state, 'revoked');
    await eventually(async () => (await quoteOf(bob, quoting.id))?.state === 'revoked', 20_000, 'the revoke on B');
    assert.equal((await fetch(stamp, { headers: AP })).status, 404, 'a revoked authorization is no longer served');
    assert.equal((await alice.masto.v1.statuses.$select(original.id).fetch()).quotesCount, 0);
  });

  it('checks a third server’s stamp: a note showing the quoted server’s authorization is accepted, one borrowing it is not', async () => {
    const [alice, bob] = await Promise.all([person(a.url, 'alice_third'), person(b.url, 'bob_third')]);
    const original = await bob.masto.v1.statuses.create({ status: 'Said on B' });
    // The peer asks B for a quote of Bob's post, as any FEP-044f server would, and is given a stamp.
    const ctx = peer.context();
    const quoting = new Note({ id: new URL('/notes/third', peer.origin), attribution: peer.actorUri, content: 'Quoting Bob', quote: new URL(original.uri), to: PUBLIC_COLLECTION });
    const bobUri = new URL(`${b.url}/users/${bob.name}`);
    const toInbox = (server: TestServer, who: Person) => ({ id: new URL(`${server.url}/users/${who.name}`), inboxId: new URL(`${server.url}/users/${who.name}/inbox`) });
    const requestId = `${peer.origin}/quote-requests/third`;
    await ctx.sendActivity(
      { identifier: 'relay' },
      toInbox(b, bob),
      new QuoteRequest({ id: new URL(requestId), actor: peer.actorUri, object: new URL(original.uri), instrument: quoting, to: bobUri }),
      { immediate: true },
    );
    const accept = await eventually(async () => peer.received.find((x) => x.type === 'Accept' && (x.object?.id ?? x.object) === requestId), 20_000, 'the Accept at the peer');
    // A, which never saw the exchange, checks the stamp with B before showing the quote.
    const stamped = new Note({ id: quoting.id, attribution: peer.actorUri, content: 'Quoting Bob', quote: new URL(original.uri), quoteAuthorization: new URL(accept.result), to: PUBLIC_COLLECTION });
    const borrowed = new Note({
      id: new URL('/notes/borrowed', peer.origin),
      attribution: peer.actorUri,
      content: 'Me too',
      quote: new URL(original.uri),
      quoteAuthorization: new URL(accept.result),
      to: PUBLIC_COLLECTION,
    });
    for (const note of [stamped, borrowed])
      await ctx.sendActivity({ identifier: 'relay' }, toInbox(a, alice), new Create({ id: new URL(`${note.id!.href}/create`), actor: peer.actorUri, object: note, to: PUBLIC_COLLECTION }), {
        immediate: true,
      });
    const onA = async (uri: string) => eventually(async () => (await alice.masto.v1.timelines.public.list({ remote: true })).find((s) => s.uri === uri), 20_000, `${uri} on A`);
    const shown = (await onA(quoting.id!.href)).quote as mastodon.v1.Quote;
    assert.equal(shown.state, 'accepted');
    assert.equal(shown.quotedStatus?.uri, original.uri);
    assert.equal(((await onA(borrowed.id!.href)).quote as mastodon.v1.Quote).state, 'pending', 'a stamp for another quote proves nothing');
  });

  it('refuses a quote of a followers-only post, even to a follower who sees it', async () => {
    const [alice, bob] = await Promise.all([person(a.url, 'alice_private'), person(b.url, 'bob_private')]);
    await follow(bob, b, alice, a);
    const secret = await alice.masto.v1.statuses.create({ status: 'For my followers', visibility: 'private' });
    const onB = await eventually(async () => (await bob.masto.v1.timelines.home.list()).find((s) => s.uri === secret.uri), 20_000, 'the private post on B');
    assert.equal(onB.quoteApproval?.currentUser, 'denied');
    const quoted = await call(b.url, '/api/v1/statuses', { method: 'POST', token: bob.token, json: { status: 'Leaking', quoted_status_id: onB.id } });
    assert.equal(quoted.status, 422);
  });
});
