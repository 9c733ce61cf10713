// A Parley killed (kill -9, with its ffmpeg) while a video is being transcoded: the next start on
// the folder takes the job up again at once (not after graphile-worker's four hours), finishes it,
// and leaves exactly one served file and one preview, no original and no half-written file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { call, signUp } from './helpers/http.ts';
import { webm } from './helpers/media-fixtures.ts';
import { childPids, postmasterPid, runs, startParley } from './helpers/processes.ts';
import { eventually } from './helpers/wait.ts';

const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
};

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('a Parley killed while transcoding', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('finishes the video after the restart, once', { timeout: 180_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-transcode-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startParley(dataDir);
    cleanups.push(async () => void (await first.stop()));
    const { token } = await signUp(first.url, 'filmmaker');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await webm(8, '960x540'))]), 'interview.webm');
    const upload = await call(first.url, '/api/v2/media', { method: 'POST', token, body: form });
    assert.equal(upload.status, 202, JSON.stringify(upload.body));

    const transcoder = await eventually(async () => childPids(first.child.pid!).find((pid) => cmdline(pid).includes('libx264')), 60_000, 'ffmpeg transcoding');
    const postmaster = postmasterPid(dataDir);
    cleanups.push(() => void (runs(postmaster) && process.kill(postmaster, 'SIGKILL')));
    first.child.kill('SIGKILL');
    process.kill(transcoder, 'SIGKILL');
    await first.exited;

    const second = await startParley(dataDir);
    cleanups.push(async () => void (await second.stop()));
    const ready = await eventually(
      async () => {
        const r = await call(second.url, `/api/v1/media/${upload.body.id}`, { token });
        return r.status === 200 ? r.body : undefined;
      },
      120_000,
      'the video processed after the restart',
    );
    assert.equal(ready.type, 'video');
    assert.ok(Math.abs(ready.meta.original.duration - 8) < 0.5, JSON.stringify(ready.meta));
    const served = await fetch(ready.url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'video/mp4');
    await served.arrayBuffer();
    assert.match(second.output(), /unlocked the jobs of 1 worker\(s\) no longer running/);
    const files = filesUnder(path.join(dataDir, 'media'));
    assert.equal(files.length, 2, `one video and one poster: ${files.join(', ')}`);
    assert.ok(
      files.every((f) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.(mp4|jpg|png)$/.test(f)),
      files.join(', '),
    );
  });
});
