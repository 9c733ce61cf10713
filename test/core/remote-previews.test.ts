// Previews of other servers' pictures on a server whose federation keeps to public addresses (the
// default): an attachment whose URL names a private address is never fetched, and its post is
// shown as sent, the attachment from its server.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { call } from '../helpers/http.ts';
import { png } from '../helpers/media-fixtures.ts';
import { remoteAccountInput, remoteStatusInput } from '../helpers/remote-account.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('previews of remote pictures, with federation kept to public addresses', () => {
  let parley: TestServer;
  let files: http.Server;
  let picture: string;
  let fetched = 0;

  before(async () => {
    const bytes = await png(64, 48, false);
    files = http.createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { 'content-type': 'image/png' }).end(bytes);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    picture = `http://127.0.0.1:${(files.address() as AddressInfo).port}/pic.png`;
    parley = await startServer();
  });
  after(async () => {
    await parley?.stop();
    await new Promise<void>((resolve) => files.close(() => resolve()));
  });

  it('never fetches a picture at a private address, and shows the post with it from its server', async () => {
    const { core } = parley.app;
    const author = await core.remoteAccounts.upsert(remoteAccountInput('far', 'elsewhere.example'));
    const attachment = { url: picture, mediaType: 'image/png', name: 'Inside the network', blurhash: undefined, focalPoint: [0.1, 0.2] as [number, number], width: 64, height: 48, kind: 'Document' };
    const id = await core.remoteStatuses.receive(author, remoteStatusInput('https://elsewhere.example/notes/1', 'Look', { attachments: [attachment] }));
    await parley.app.jobs.idle(20_000);
    const status = await call(parley.url, `/api/v1/statuses/${id}`);
    assert.equal(status.status, 200);
    assert.equal(status.body.content, '<p>Look</p>');
    const [media] = status.body.media_attachments;
    assert.equal(media.url, picture);
    assert.equal(media.remote_url, picture);
    assert.ok(!media.preview_url?.startsWith(parley.url), 'no local preview');
    assert.deepEqual(media.meta.focus, { x: 0.1, y: 0.2 });
    assert.equal(fetched, 0, 'the private address was never asked');
    const row = await parley.app.database.pool.query('select error from media_attachments where remote_url = $1', [picture]);
    assert.match(row.rows[0].error, /127\.0\.0\.1/);
  });
});
