// Replies a remote post's server knows and Parley does not (Mastodon 4.4's async refresh): a
// signed-in reader opening the post's thread gets what Parley has at once and a
// `Mastodon-Async-Refresh` header; the 'replies.fetch' job reads the post's `replies` collection
// (page by page, and the replies' own collections; an item answering another post is left alone) from servers that write JSON as Mastodon does
// (test/helpers/lax-peer.ts), the refresh finishes with the count of replies found, and the thread
// read again shows them. Not again within the cooldown; never for an anonymous reader.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConformance } from '../helpers/conformance.ts';
import { remoteAccountInput, remoteStatusInput } from '../helpers/remote-account.ts';
import { call, signUp } from '../helpers/http.ts';
import { startLaxPeer, type LaxPeer } from '../helpers/lax-peer.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const AS = 'https://www.w3.org/ns/activitystreams';
const PUBLIC = `${AS}#Public`;

describe('replies fetched from a remote post’s server', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let parley: TestServer;
  let harbour: LaxPeer;
  let other: LaxPeer;
  let ana: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    [parley, harbour, other] = await Promise.all([startServer({ PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' }, { tls: tls! }), startLaxPeer(tls!, 'harbour'), startLaxPeer(tls!, 'other')]);
    ana = await signUp(parley.url, 'ana');
  });
  after(async () => {
    assert.deepEqual(parley?.problems ?? [], []);
    await Promise.all([parley?.stop(), harbour?.stop(), other?.stop()]);
  });

  /** A public note on `peer` at /notes/{id}, answering `inReplyTo`, with its replies collection at /notes/{id}-replies. */
  function note(peer: LaxPeer, id: string, text: string, inReplyTo?: string) {
    const uri = `${peer.origin}/notes/${id}`;
    peer.notes.set(id, {
      '@context': AS,
      id: uri,
      type: 'Note',
      attributedTo: peer.actorUri,
      to: [PUBLIC],
      content: `<p>${text}</p>`,
      published: new Date().toISOString(),
      inReplyTo,
      replies: `${uri}-replies`,
    });
    return uri;
  }
  /** The replies collection of a note: its items inline, or on two pages. */
  function replies(peer: LaxPeer, id: string, items: string[], paged = false) {
    const uri = `${peer.origin}/notes/${id}-replies`;
    if (!paged) return void peer.notes.set(`${id}-replies`, { '@context': AS, id: uri, type: 'Collection', items });
    peer.notes.set(`${id}-replies`, { '@context': AS, id: uri, type: 'Collection', first: { id: `${uri}-p1`, type: 'CollectionPage', partOf: uri, next: `${uri}-p2`, items: items.slice(0, 1) } });
    peer.notes.set(`${id}-replies-p2`, { '@context': AS, id: `${uri}-p2`, type: 'CollectionPage', partOf: uri, items: items.slice(1) });
  }

  const context = (statusId: string, token?: string) => call(parley.url, `/api/v1/statuses/${statusId}/context`, token ? { token } : {});
  const texts = (body: { descendants: { content: string }[] }) => body.descendants.map((s) => s.content).sort();

  it('fetches the replies, counts them on the refresh, and shows them in the thread read again', async () => {
    const root = note(harbour, 'root', 'The tide is out');
    const first = note(harbour, 'r1', 'First answer', root);
    const nested = note(harbour, 'r1a', 'An answer to the answer', first);
    const far = note(other, 'r2', 'From elsewhere', root);
    const stray = note(harbour, 'stray', 'Answering nothing here');
    replies(harbour, 'root', [first, far, stray], true);
    replies(harbour, 'r1', [nested]);
    replies(other, 'r2', []);
    replies(harbour, 'r1a', []);

    const found = await call(parley.url, `/api/v2/search?q=${encodeURIComponent(root)}&resolve=true&type=statuses`, { token: ana.token });
    const statusId = found.body.statuses[0].id as string;
    const anonymous = await context(statusId);
    assert.equal(anonymous.headers.get('mastodon-async-refresh'), null, 'only a signed-in reader starts a refresh');

    const opened = await context(statusId, ana.token);
    assert.deepEqual(opened.body.descendants, [], 'what Parley has, at once');
    const header = opened.headers.get('mastodon-async-refresh')?.match(/^id="([^"]+)", retry=(\d+)$/);
    assert.ok(header, `the refresh is named: ${opened.headers.get('mastodon-async-refresh')}`);
    assert.equal(header[2], '3');
    const done = await eventually(
      async () => {
        const r = await call(parley.url, `/api/v1_alpha/async_refreshes/${header[1]}`, { token: ana.token });
        assert.deepEqual(loadConformance().check('GET', `/api/v1_alpha/async_refreshes/${header[1]}`, r.status, r.body), []);
        return r.body.async_refresh.status === 'finished' && r.body.async_refresh;
      },
      30_000,
      'the refresh',
    );
    assert.deepEqual(done, { id: header[1], status: 'finished', result_count: 3 });

    const again = await context(statusId, ana.token);
    assert.deepEqual(texts(again.body), ['<p>An answer to the answer</p>', '<p>First answer</p>', '<p>From elsewhere</p>']);
    assert.equal(again.headers.get('mastodon-async-refresh'), null, 'not again within the cooldown');
    const known = async (uri: string) => (await parley.app.core.remoteStatuses.byUri(uri)) !== undefined;
    assert.equal(await known(first), true, 'a reply fetched is known by its address');
    assert.equal(await known(stray), false, 'an item that answers another post is not stored');
  });

  it('a replies collection its server does not serve ends the refresh with nothing found', async () => {
    const root = note(harbour, 'lonely', 'Nobody answers');
    const found = await call(parley.url, `/api/v2/search?q=${encodeURIComponent(root)}&resolve=true&type=statuses`, { token: ana.token });
    const statusId = found.body.statuses[0].id as string;
    const header = (await context(statusId, ana.token)).headers.get('mastodon-async-refresh')?.match(/^id="([^"]+)"/);
    assert.ok(header);
    const done = await eventually(
      async () => {
        const r = await call(parley.url, `/api/v1_alpha/async_refreshes/${header[1]}`, { token: ana.token });
        return r.body.async_refresh.status === 'finished' && r.body.async_refresh;
      },
      30_000,
      'the refresh',
    );
    assert.equal(done.result_count, 0);
    assert.deepEqual((await context(statusId, ana.token)).body.descendants, []);
  });

  it('asks no server at a private address unless the federation config allows it', async () => {
    const guarded = await startServer({}, { tls: tls! });
    try {
      // The post is stored as if it had been delivered: its server, on loopback, is never asked.
      const host = new URL(harbour.origin).host;
      const author = await guarded.app.core.remoteAccounts.upsert(remoteAccountInput('harbour', host, { uri: harbour.actorUri, inboxUrl: `${harbour.actorUri}/inbox` }));
      const uri = note(harbour, 'guarded', 'Behind the guard');
      replies(harbour, 'guarded', [note(harbour, 'guarded-r', 'Never fetched', uri)]);
      const statusId = await guarded.app.core.remoteStatuses.receive(author, remoteStatusInput(uri, 'Behind the guard'));
      const bea = await signUp(guarded.url, 'bea');
      const asked = harbour.userAgents.length;
      const header = (await call(guarded.url, `/api/v1/statuses/${statusId}/context`, { token: bea.token })).headers.get('mastodon-async-refresh')?.match(/^id="([^"]+)"/);
      assert.ok(header);
      const done = await eventually(
        async () => {
          const r = await call(guarded.url, `/api/v1_alpha/async_refreshes/${header[1]}`, { token: bea.token });
          return r.body.async_refresh.status === 'finished' && r.body.async_refresh;
        },
        30_000,
        'the refresh',
      );
      assert.equal(done.result_count, 0);
      assert.equal(harbour.userAgents.length, asked, 'no request reached the peer');
    } finally {
      await guarded.stop();
    }
  });
});
