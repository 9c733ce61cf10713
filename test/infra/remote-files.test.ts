// Fetching other servers' files (infra/remote-files): a private address is refused before any
// request (unless federation may reach private addresses), so is every redirect to one; no more
// bytes than asked are read, whether the length is declared or not; the server's own refusals are
// final, its trouble is worth another try.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RemoteFileRefused } from '../../src/core/media/remote-preview.ts';
import { createRemoteFiles, publicLookup } from '../../src/infra/remote-files.ts';

describe('fetching other servers’ files', () => {
  let server: http.Server;
  let base: string;
  const requests: string[] = [];
  const agents: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      agents.push(req.headers['user-agent'] ?? '');
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/small') return res.writeHead(200, { 'content-type': 'image/png', 'content-length': 5 }).end('hello');
      if (url.pathname === '/declared-large') return res.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000));
      if (url.pathname === '/chunked-large') {
        res.writeHead(200);
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000));
        return res.end();
      }
      if (url.pathname === '/gone') return res.writeHead(404).end();
      if (url.pathname === '/broken') return res.writeHead(503).end();
      if (url.pathname === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (url.pathname === '/to-small') return res.writeHead(301, { location: '/small' }).end();
      if (url.pathname === '/to-ftp') return res.writeHead(302, { location: 'ftp://example.org/x' }).end();
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const open = createRemoteFiles({ allowPrivateAddress: true, userAgent: 'ParleyTest/1' });
  const guarded = createRemoteFiles({ allowPrivateAddress: false, userAgent: 'ParleyTest/1' });

  it('refuses loopback and private addresses before making any request', async () => {
    const before = requests.length;
    for (const url of [`${base}/small`, `http://localhost:${new URL(base).port}/small`, 'http://10.1.2.3/x.png', 'http://[::1]/x.png', 'http://169.254.169.254/latest/meta-data']) {
      await assert.rejects(guarded(url, 1000), RemoteFileRefused, url);
    }
    assert.equal(requests.length, before, 'no request reached the server');
  });

  it('checks again the address the connection itself looks up (a name that changes its answer)', async () => {
    for (const all of [false, true]) {
      const error = await new Promise((resolve) => publicLookup('localhost', { all }, (e) => resolve(e)));
      assert.ok(error instanceof RemoteFileRefused, String(error));
    }
  });

  it('fetches what fits, following a redirect, with its user agent', async () => {
    assert.equal((await open(`${base}/small`, 100)).toString(), 'hello');
    assert.equal((await open(`${base}/to-small`, 100)).toString(), 'hello');
    assert.equal(agents.at(-1), 'ParleyTest/1');
  });

  it('reads no more than asked: a declared length over the limit, or a body that runs over it', async () => {
    await assert.rejects(open(`${base}/declared-large`, 1000), /5000 bytes, more than the 1000 bytes/);
    await assert.rejects(open(`${base}/chunked-large`, 2500), (e: Error) => e instanceof RemoteFileRefused && /more than the 2500 bytes/.test(e.message));
  });

  it('takes a 4xx and endless or non-http redirects as final, a 5xx as worth another try', async () => {
    await assert.rejects(open(`${base}/gone`, 100), RemoteFileRefused);
    await assert.rejects(open(`${base}/loop`, 100), (e: Error) => e instanceof RemoteFileRefused && /redirects/.test(e.message));
    await assert.rejects(open(`${base}/to-ftp`, 100), RemoteFileRefused);
    await assert.rejects(open(`${base}/broken`, 100), (e: Error) => !(e instanceof RemoteFileRefused) && /503/.test(e.message));
    await assert.rejects(open('ftp://example.org/x', 100), RemoteFileRefused);
  });
});
