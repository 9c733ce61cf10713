// Media: 12 MP JPEG uploads (4 at a time, POST /api/v2/media until ready), a 1080p WebM transcoded
// to H.264 (CPU of the Parley process tree, ffmpeg included, per minute of video), a ready file
// served with Range requests beside bare Node, the tree's peak memory while processing, and home
// timeline reads without and during a burst of uploads.
// Run: node bench/media.ts [--seconds 10] [--images N] [--video-seconds 20] [--skip-video] [--connections 64]
//   --seconds: how long images are uploaded, and each load run lasts; --images N: N uploads instead;
//   PARLEY_MEDIA_IMAGE_CONCURRENCY / PARLEY_MEDIA_VIDEO_CONCURRENCY reach the server as set.
// Uses the embedded PostgreSQL unless DATABASE_URL is set; REDIS_URL moves feeds to Redis. With either,
// the run has a database and key prefix of its own, and a media folder of its own, all gone at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { load, type LoadResult, machine, percentile, seedAccounts, startBare, startServer } from './lib.ts';
import { cpuWithEndedChildrenMs, mb, photoJpeg, type Ready, rssPeaks, seedHomeTimelines, treeRssBytes, uploadBurst, uploadLanes, uploadUntilReady, webm1080p } from './media-lib.ts';
import { endRun, undoAtEnd } from './run-end.ts';
import { benchDatabase } from './stores.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    images: { type: 'string' },
    'video-seconds': { type: 'string', default: '20' },
    'skip-video': { type: 'boolean', default: false },
    connections: { type: 'string', default: '64' },
  },
});
const duration = Number(values.seconds);
const connections = Number(values.connections);
const videoSeconds = Number(values['video-seconds']);
/** uploads in flight at once, in the image runs and in the burst */
const LANES = 4;
/** bytes asked per Range request, and the size of the second bare Node body */
const RANGE_BYTES = 64 * 1024;
const imageConcurrency = process.env.PARLEY_MEDIA_IMAGE_CONCURRENCY ?? '2';
const videoConcurrency = process.env.PARLEY_MEDIA_VIDEO_CONCURRENCY ?? '1';

console.error('making a 12 MP JPEG…');
const photo = await photoJpeg(4000, 3000);
const photoBlob = new Blob([new Uint8Array(photo)], { type: 'image/jpeg' });
const clip = values['skip-video'] ? undefined : (console.error(`making a ${videoSeconds} s 1080p WebM…`), await webm1080p(videoSeconds));

const store = await benchDatabase();
const pool = store.database.pool;
const bare = await startBare();
const bareRange = await startBare('x'.repeat(RANGE_BYTES));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-media-'));
undoAtEnd(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const server = await startServer(store, { PARLEY_DATA_DIR: dataDir });
const pid = server.child.pid!;
const memory = rssPeaks(pid);
const uploaders = (await seedAccounts(pool, 'uploader', LANES)).tokens;
const uploadPhoto = (lane: number, pollMs = 50) => uploadUntilReady(server.url, uploaders[lane]!, photoBlob, 'photo.jpg', pollMs);

const rows: string[] = [];
const peaks: string[] = [];
const peakBytes: number[] = [];
/** Notes the highest memory since the last note, under a label. */
const notePeak = (label: string) => {
  const bytes = memory.take();
  peakBytes.push(bytes);
  peaks.push(`${label} ${mb(bytes)}`);
};
const ms = (v: number) => `${v.toFixed(0)} ms`;
const loadRow = (label: string, r: LoadResult, unit: string, note: string) => `| ${label} | ${r.rps.toFixed(0)} ${unit} | ${r.p50} ms | ${r.p99} ms | ${r.errors} | ${note} |`;

/** 12 MP JPEGs, LANES at a time, for `duration` seconds or `--images` uploads: rate, upload-to-ready latency, CPU per image. */
async function images(): Promise<Ready | undefined> {
  console.error('images: one upload to warm up…');
  const first = await uploadPhoto(0);
  memory.take();
  let started = 0;
  const deadline = performance.now() + duration * 1000;
  const more = values.images ? () => started++ < Number(values.images) : () => performance.now() < deadline;
  console.error(`images: ${values.images ? `${values.images} uploads` : `${duration} s of uploads`}, ${LANES} at a time…`);
  const cpu0 = cpuWithEndedChildrenMs(pid);
  const run = await uploadLanes(LANES, more, uploadPhoto);
  const cpuPerImage = (cpuWithEndedChildrenMs(pid) - cpu0) / Math.max(1, run.ready.length);
  notePeak(`${LANES} image uploads at a time`);
  const latencies = run.ready.map((r) => r.ms);
  const p99 = percentile(latencies, 99);
  const direct = run.ready.filter((r) => r.direct).length;
  rows.push(
    `| 12 MP JPEG (4000 × 3000, ${mb(photo.length)}), ${LANES} uploads at a time: POST /api/v2/media until ready | ${((run.ready.length * 1000) / run.ms).toFixed(2)} images/s (${run.ready.length} in ${(run.ms / 1000).toFixed(1)} s) | ${ms(percentile(latencies, 50))} | ${ms(p99)} | ${run.errors} | ready in the POST's answer (200): ${direct} of ${run.ready.length}, the others seen by GET /api/v1/media/:id every 50 ms; server CPU per image ${ms(cpuPerImage)}; target p99 < 1.5 s: ${p99 < 1500 ? 'met' : 'missed'} |`,
  );
  return run.ready.at(-1) ?? first;
}

/** The clip through the video pool: CPU seconds of the process tree (ffmpeg's runs counted) per minute of video. */
async function video(bytes: Buffer): Promise<Ready> {
  console.error('video: uploading and transcoding the clip…');
  memory.take();
  const file = new Blob([new Uint8Array(bytes)], { type: 'video/webm' });
  const cpu0 = cpuWithEndedChildrenMs(pid);
  // Asked every 500 ms: the answers' CPU stays far below the transcode's.
  const ready = await uploadUntilReady(server.url, uploaders[0]!, file, 'clip.webm', 500);
  const cpuSeconds = (cpuWithEndedChildrenMs(pid) - cpu0) / 1000;
  notePeak('transcoding 1080p');
  rows.push(
    `| 1080p WebM (VP8/Opus, ${videoSeconds} s, ${mb(bytes.length)}) → H.264/AAC MP4, upload to ready | ${((cpuSeconds * 60) / videoSeconds).toFixed(1)} CPU s per minute of video (${cpuSeconds.toFixed(1)} CPU s) | ${ms(ready.ms)} from POST to ready | | 0 | ${(ready.ms / 1000 / videoSeconds).toFixed(2)} × the clip's length; video pool of ${videoConcurrency} |`,
  );
  return ready;
}

/** A ready file served with Range (RANGE_BYTES from its middle), beside bare Node with the 20 items and with a body as long. */
async function serving(file: Ready, kind: string): Promise<void> {
  const head = await fetch(file.url, { method: 'HEAD' });
  const size = Number(head.headers.get('content-length'));
  const start = Math.floor(size / 2);
  const range = `bytes=${start}-${Math.min(size - 1, start + RANGE_BYTES - 1)}`;
  const probe = await fetch(file.url, { headers: { range } });
  await probe.arrayBuffer();
  if (probe.status !== 206) throw new Error(`${file.url} answered ${probe.status} to ${range}`);
  console.error(`serving: ${range} of the ${kind} (${mb(size)})…`);
  const warmup = 2;
  const baseline = await load({ url: bare.url, connections, duration, warmup });
  const sameBytes = await load({ url: bareRange.url, connections, duration, warmup });
  const served = await load({ url: file.url, connections, duration, warmup, headers: { range } });
  const ratio = (r: LoadResult) => `${((r.rps / baseline.rps) * 100).toFixed(1)}% of bare Node (20 items)`;
  rows.push(loadRow('bare node:http, fixed JSON (20 items)', baseline, 'req/s', '100%'));
  rows.push(loadRow(`bare node:http, ${RANGE_BYTES / 1024} KiB body`, sameBytes, 'req/s', ratio(sameBytes)));
  rows.push(
    loadRow(
      `GET /media/… (the ${kind}, ${mb(size)}), Range: ${RANGE_BYTES / 1024} KiB from its middle (206)`,
      served,
      'req/s',
      `${ratio(served)}; ${((served.rps / sameBytes.rps) * 100).toFixed(1)}% of bare Node with ${RANGE_BYTES / 1024} KiB`,
    ),
  );
}

/** Home timeline reads alone, during LANES uploads at a time, and alone again: the loss against the mean of the two. */
async function timeline(): Promise<void> {
  console.error('timeline: seeding readers and posts…');
  const tokens = await seedHomeTimelines(pool, server.url, 100, 200);
  const url = `${server.url}/api/v1/timelines/home`;
  const read = (warmup = 2) => load({ url, connections, duration, tokens, warmup });
  console.error('timeline: reads without uploads…');
  // The first reads find the read path cold (JIT, caches): a longer warm-up, or "before" lags "after".
  const before = await read(5);
  console.error(`timeline: reads during ${LANES} uploads at a time…`);
  memory.take();
  const burst = uploadBurst(LANES, (lane) => uploadPhoto(lane));
  const during = await read();
  const uploaded = await burst.stop();
  notePeak(`${LANES} image uploads at a time under timeline reads`);
  console.error('timeline: reads without uploads, again…');
  const after = await read();
  const alone = (before.rps + after.rps) / 2;
  const loss = (1 - during.rps / alone) * 100;
  rows.push(loadRow('GET /api/v1/timelines/home (100 readers), no uploads: before the burst', before, 'req/s', ''));
  rows.push(loadRow('GET /api/v1/timelines/home, no uploads: after the burst', after, 'req/s', ''));
  rows.push(
    loadRow(
      `GET /api/v1/timelines/home during ${LANES} 12 MP uploads at a time (${uploaded.ready.length} images ready, ${uploaded.errors} failed)`,
      during,
      'req/s',
      `${loss.toFixed(1)}% fewer than without (mean ${alone.toFixed(0)} req/s); target at most 20%: ${loss <= 20 ? 'met' : 'missed'}`,
    ),
  );
}

try {
  const idle = treeRssBytes(pid);
  const lastImage = await images();
  const clipReady = clip ? await video(clip) : undefined;
  if (clipReady) await serving(clipReady, 'transcoded video');
  else if (lastImage) await serving(lastImage, 'processed image (--skip-video)');
  await timeline();
  console.log(machine());
  console.log(`PARLEY_MEDIA_IMAGE_CONCURRENCY ${imageConcurrency}, PARLEY_MEDIA_VIDEO_CONCURRENCY ${videoConcurrency}, ${mb(os.totalmem())} of memory`);
  console.log('| scenario | throughput | p50 | p99 | errors | note |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  console.log(
    `Peak RSS of the Parley process tree (VmRSS of the server and its ffmpeg children, summed, sampled every 100 ms): idle before the runs ${mb(idle)}; ${peaks.join('; ')}; ` +
      `at most ${mb(Math.max(...peakBytes))} in this run. What bounds it: the pools (${imageConcurrency} images decoded at once, ${videoConcurrency} ffmpeg at once); ` +
      `upload bodies are streamed to disk, so uploads in flight (${LANES} at a time here) add only their parsers.`,
  );
} finally {
  await endRun();
}
