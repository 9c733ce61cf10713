// Mastodon's `blurhash` and `focalPoint` on attachments, which Fedify's vocabulary lacks: written
// by Parley's builders as Mastodon names them and covered by the object integrity proof Fedify
// makes; read back from the JSON a note was sent as, whether fetched on its own or embedded in
// its activity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFederation, generateCryptoKeyPair, MemoryKvStore, signObject, verifyObject } from '@fedify/fedify';
import { Create, Multikey, Note } from '@fedify/vocab';
import { attachmentOf, MediaCreate, MediaNote } from '../../src/federation/activities/attachment.ts';
import { attachmentsOf } from '../../src/federation/attachments-in.ts';
import type { MediaRow } from '../../src/store/schema/media.ts';

const BASE = 'https://parley.example/media';
const media = (overrides: Partial<MediaRow>): MediaRow =>
  ({
    type: 'image',
    fileKey: 'ab/cd/picture.png',
    previewKey: 'ab/cd/small.png',
    remoteUrl: null,
    contentType: 'image/png',
    description: 'A flag',
    meta: { original: { width: 20, height: 10 } },
    blurhash: null,
    focusX: null,
    focusY: null,
    ...overrides,
  }) as MediaRow;
const author = new URL('https://parley.example/users/ana');

describe('blurhash and focal point on attachments', () => {
  it('go out as Mastodon names them, with their terms in the context; a video names its poster as icon', async () => {
    const note = new MediaNote({
      id: new URL('https://parley.example/users/ana/statuses/1'),
      attribution: author,
      contents: ['<p>hi</p>'],
      attachments: [
        attachmentOf(media({ blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj', focusX: 0.5, focusY: -0.25 }), BASE)!,
        attachmentOf(media({ type: 'video', fileKey: 'ab/cd/clip.mp4', previewKey: 'ab/cd/poster.jpg', contentType: 'video/mp4' }), BASE)!,
      ],
    });
    const json = (await note.toJsonLd()) as Record<string, any>;
    assert.deepEqual(json.attachment[0].blurhash, 'LEHV6nWB2yk8pyo0adR*.7kCMdnj');
    assert.deepEqual(json.attachment[0].focalPoint, [0.5, -0.25]);
    assert.ok(!('blurhash' in json.attachment[1]) && !('focalPoint' in json.attachment[1]));
    assert.deepEqual(json.attachment[1].icon, { type: 'Image', mediaType: 'image/jpeg', url: `${BASE}/ab/cd/poster.jpg` });
    assert.ok(json['@context'].includes('https://www.w3.org/ns/activitystreams'), 'Fedify’s own context is kept');
    assert.deepEqual(json['@context'].at(-1).focalPoint, { '@container': '@list', '@id': 'toot:focalPoint' });
  });

  it('are covered by the object integrity proof of the activity that carries them', async () => {
    const note = new MediaNote({
      id: new URL('https://parley.example/users/ana/statuses/2'),
      attribution: author,
      contents: ['x'],
      attachments: [attachmentOf(media({ blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj', focusX: 0, focusY: 1 }), BASE)!],
    });
    const keys = await generateCryptoKeyPair('Ed25519');
    const keyId = new URL('https://parley.example/users/ana#ed25519-key');
    const signed = await signObject(new MediaCreate({ id: new URL(`${note.id!.href}/activity`), actor: author, object: note }), keys.privateKey, keyId);
    const json = (await signed.toJsonLd({ format: 'compact' })) as Record<string, any>;
    assert.equal(json.object.attachment.blurhash, 'LEHV6nWB2yk8pyo0adR*.7kCMdnj');
    const keyCache = { get: async () => new Multikey({ id: keyId, controller: author, publicKey: keys.publicKey }), set: async () => {} };
    assert.ok(await verifyObject(Create, json, { keyCache }), 'the proof verifies');
    const altered = structuredClone(json);
    altered.object.attachment.focalPoint = [1, 1];
    assert.equal(await verifyObject(Create, altered, { keyCache }), null, 'and covers the focal point');
  });

  it('come in from the JSON a note was sent as: fetched on its own, or embedded in its Create', async () => {
    const ctx = createFederation<void>({ kv: new MemoryKvStore() }).createContext(new URL('https://parley.example'), undefined);
    const context = ['https://www.w3.org/ns/activitystreams', { toot: 'http://joinmastodon.org/ns#', blurhash: 'toot:blurhash', focalPoint: { '@container': '@list', '@id': 'toot:focalPoint' } }];
    const sent = {
      id: 'https://mastodon.example/users/a/statuses/1',
      type: 'Note',
      attributedTo: 'https://mastodon.example/users/a',
      content: 'hi',
      attachment: [
        { type: 'Document', mediaType: 'image/jpeg', url: 'https://files.example/a.jpg', name: 'alt', blurhash: 'UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH', focalPoint: [0.5, -0.5], width: 4, height: 3 },
        { type: 'Document', mediaType: 'video/mp4', url: 'https://files.example/b.mp4', icon: { type: 'Image', url: 'https://files.example/b.jpg' } },
      ],
    };
    const fetched = await Note.fromJsonLd({ '@context': context, ...sent });
    const create = await Create.fromJsonLd({ '@context': context, id: `${sent.id}/activity`, type: 'Create', actor: sent.attributedTo, object: sent });
    const embedded = (await create.getObject()) as Note;
    for (const [note, via] of [
      [fetched, undefined],
      [embedded, create],
    ] as const) {
      const [picture, video] = await attachmentsOf(ctx, note, via);
      assert.equal(picture!.blurhash, 'UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH');
      assert.deepEqual(picture!.focalPoint, [0.5, -0.5]);
      assert.equal(video!.blurhash, undefined);
      assert.equal(video!.previewUrl, 'https://files.example/b.jpg');
    }
    const [withoutVia] = await attachmentsOf(ctx, embedded);
    assert.equal(withoutVia!.blurhash, undefined, 'an embedded note alone no longer has them: the activity is needed');
  });
});
