// Text other servers send that is not well-formed Unicode (a lone UTF-16 surrogate, which JSON can
// carry as "\uD800"): it cannot be refused piecemeal, so it is stored with U+FFFD in its place.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Create, Mention, Note } from '@fedify/vocab';
import { startFedifyPeer, type FedifyPeer } from '../helpers/fedify-peer.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const LONE = '\uD800';

describe('remote text with lone surrogates', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let parley: TestServer;
  let peer: FedifyPeer;
  let ana: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    [parley, peer] = await Promise.all([
      startServer({ PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' }, { tls: tls! }),
      startFedifyPeer(tls!, 'relay', { name: `Relay ${LONE}`, summary: `<p>Bio ${LONE}</p>`, fields: [{ name: `Site ${LONE}`, value: `<b>here ${LONE}</b>` }] }),
    ]);
    ana = await signUp(parley.url, 'ana');
  });
  after(async () => {
    await Promise.all([parley?.stop(), peer?.stop()]);
  });

  it('stores the note and its author with U+FFFD in place of each lone surrogate', async () => {
    const anaUri = new URL(`${parley.url}/users/ana`);
    const note = new Note({
      id: new URL('/notes/1', peer.origin),
      attribution: peer.actorUri,
      to: anaUri,
      summary: `Careful ${LONE}`,
      content: `<p>Hello ${LONE} <a href="${anaUri.href}">@ana</a></p>`,
      tags: [new Mention({ href: anaUri, name: '@ana' })],
    });
    await peer
      .context()
      .sendActivity(
        { identifier: 'relay' },
        { id: anaUri, inboxId: new URL(`${parley.url}/users/ana/inbox`) },
        new Create({ id: new URL('/notes/1/create', peer.origin), actor: peer.actorUri, object: note, to: anaUri }),
        { immediate: true },
      );
    const mention = await eventually(async () => (await call(parley.url, '/api/v1/notifications?types[]=mention', { token: ana.token })).body[0], 20_000, 'the mention');
    assert.equal(mention.status.spoiler_text, 'Careful \uFFFD');
    assert.match(mention.status.content, /Hello \uFFFD/);
    assert.equal(mention.account.display_name, 'Relay \uFFFD');
    assert.match(mention.account.note, /Bio \uFFFD/);
    assert.deepEqual(
      mention.account.fields.map((f: { name: string; value: string }) => [f.name, f.value]),
      [['Site \uFFFD', '<b>here \uFFFD</b>']],
    );
  });
});
