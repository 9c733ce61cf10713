// A Q&A that anyone on the fediverse takes part in from the app they already use. Two Parley
// servers over HTTPS (a test CA) and an independent Fedify server: bob, on the other Parley, asks
// by replying to the announcement from a Mastodon client (masto.js) that knows nothing of events;
// the Fedify server's actor asks by replying, and again by mentioning the host with the hashtag.
// Each question keeps its author and source server; the host's answers reach the askers' servers
// as replies, and bob sees his in his notifications there.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Create, Hashtag, Mention, Note, PUBLIC_COLLECTION } from '@fedify/vocab';
import { startFedifyPeer, type FedifyPeer } from '../helpers/fedify-peer.ts';
import { call } from '../helpers/http.ts';
import { type Person, signedUp } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const FEDERATE = { PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' };

describe('events across servers', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let a: TestServer;
  let b: TestServer;
  let peer: FedifyPeer;
  let host: Person;
  let bob: Person;
  let event: { id: string; announcement_id: string };
  let announcementUri: string;

  const api = (path: string, token: string, json?: Record<string, unknown>) => call(a.url, `/api/parley/v1${path}`, json ? { method: 'POST', token, json } : { token });
  const questions = async () =>
    (await api(`/events/${event.id}/questions?state[]=pending&state[]=approved&state[]=answered`, host.token)).body as {
      id: string;
      status_id: string;
      source_server: string | null;
      account: { acct: string };
      text: string;
      state: string;
    }[];
  const hostUri = () => new URL(`${a.url}/users/${host.name}`);
  const sendFromPeer = (note: Note, id: string) =>
    peer
      .context()
      .sendActivity(
        { identifier: peer.handle.split('@')[0]! },
        { id: hostUri(), inboxId: new URL(`${hostUri().href}/inbox`) },
        new Create({ id: new URL(`/notes/${id}/create`, peer.origin), actor: peer.actorUri, object: note, to: PUBLIC_COLLECTION, cc: hostUri() }),
        { immediate: true },
      );

  before(async () => {
    [a, b, peer] = await Promise.all([startServer(FEDERATE, { tls: tls!, proxy: true }), startServer(FEDERATE, { tls: tls!, proxy: true }), startFedifyPeer(tls!, 'press')]);
    [host, bob] = await Promise.all([signedUp(a.url, 'ambassador'), signedUp(b.url, 'bob')]);
    const made = await api('/events', host.token, {
      kind: 'qa',
      title: 'Ask the Ambassador',
      starts_at: new Date(Date.now() - 60_000).toISOString(),
      ends_at: new Date(Date.now() + 3600_000).toISOString(),
      hashtag: 'AskTheAmbassador',
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    event = made.body;
    announcementUri = (await call(a.url, `/api/v1/statuses/${event.announcement_id}`)).body.uri;
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop(), peer?.stop()]);
  });

  it('takes a question from another Parley, asked by replying from a Mastodon client, and the answer reaches the asker there', async () => {
    const found = await bob.masto.v2.search.list({ q: announcementUri, resolve: true, type: 'statuses' });
    assert.equal(found.statuses.length, 1, 'bob finds the announcement');
    const asked = await bob.masto.v1.statuses.create({ status: 'Do you issue visas on arrival?', inReplyToId: found.statuses[0]!.id, visibility: 'public', language: 'en' });
    const question = await eventually(async () => (await questions()).find((q) => q.text.includes('visas on arrival')), 20_000, 'the question on the host’s server');
    assert.equal(question.account.acct, `bob@${new URL(b.url).host}`);
    assert.equal(question.source_server, new URL(b.url).host);
    assert.equal(question.state, 'pending');
    await api(`/events/${event.id}/questions/${question.id}/approve`, host.token, {});
    const answered = await api(`/events/${event.id}/questions/${question.id}/answer`, host.token, { status: 'Yes, for 30 days.' });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));

    // On bob's server: a mention notification whose status replies to bob's own question.
    const notification = await eventually(
      async () => (await bob.masto.v1.notifications.list({ types: ['mention'] })).find((n) => n.status?.content.includes('30 days')),
      20_000,
      'the answer in bob’s notifications',
    );
    assert.equal(notification.status!.inReplyToId, asked.id, 'the answer replies to the question, on the asker’s server');
    assert.equal(notification.account.acct, `${host.name}@${new URL(a.url).host}`);
  });

  it('takes questions from an independent Fedify server: a reply, and a mention with the hashtag; the answer is delivered to it', async () => {
    const reply = new Note({
      id: new URL('/notes/q1', peer.origin),
      attribution: peer.actorUri,
      to: PUBLIC_COLLECTION,
      replyTarget: new URL(announcementUri),
      content: '<p>What about student exchanges?</p>',
    });
    peer.notes.set('q1', reply);
    await sendFromPeer(reply, 'q1');
    const mention = new Note({
      id: new URL('/notes/q2', peer.origin),
      attribution: peer.actorUri,
      to: PUBLIC_COLLECTION,
      cc: hostUri(),
      content: `<p>@${host.name} will trade talks resume? #AskTheAmbassador</p>`,
      tags: [new Mention({ href: hostUri(), name: `@${host.name}` }), new Hashtag({ href: new URL(`${a.url}/tags/asktheambassador`), name: '#AskTheAmbassador' })],
    });
    peer.notes.set('q2', mention);
    await sendFromPeer(mention, 'q2');
    const [byReply, byMention] = await eventually(
      async () => {
        const all = await questions();
        const one = all.find((q) => q.text.includes('student exchanges'));
        const two = all.find((q) => q.text.includes('trade talks'));
        return one && two ? [one, two] : undefined;
      },
      20_000,
      'both questions',
    );
    for (const q of [byReply, byMention]) {
      assert.equal(q.account.acct, peer.handle);
      assert.equal(q.source_server, new URL(peer.origin).host);
    }
    const answered = await api(`/events/${event.id}/questions/${byReply.id}/answer`, host.token, { status: 'We are expanding them.' });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    const delivered = await eventually(async () => peer.bodies.find((x) => x.type === 'Create' && String(x.object?.content ?? '').includes('expanding')), 20_000, 'the answer at the peer');
    assert.equal(delivered.object.inReplyTo, reply.id!.href, 'a reply to the peer’s note');
  });
});
