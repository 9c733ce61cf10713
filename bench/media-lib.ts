// Pieces of bench/media.ts: the files it uploads (made here, by sharp and ffmpeg), uploads timed
// until their media is ready, and what the Parley process tree uses: CPU counting its finished
// ffmpeg runs, and memory sampled every 100 ms.
import fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import sharp from 'sharp';
import { findMediaTools, runTool } from '../src/core/media/tools.ts';
import { childPids, drained, seedAccounts, seedFollows } from './lib.ts';
import { undoAtEnd } from './run-end.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A photo-like JPEG: noise softened a little, so that 12 MP weigh what a phone's photo does (4–5 MB). */
export function photoJpeg(width: number, height: number): Promise<Buffer> {
  const create = { width, height, channels: 3 as const, background: { r: 90, g: 140, b: 200 }, noise: { type: 'gaussian' as const, mean: 128, sigma: 40 } };
  return sharp({ create }).blur(0.8).jpeg({ quality: 90 }).toBuffer();
}

/** A 1080p WebM (VP8 with moving grain, Opus): not playable everywhere, so Parley transcodes it to H.264/AAC. */
export async function webm1080p(seconds: number): Promise<Buffer> {
  const tools = findMediaTools({ ffmpeg: undefined, ffprobe: undefined });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-bench-clip-'));
  const removeDir = undoAtEnd(() => rm(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'clip.webm');
  const source = ['-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`];
  const encode = ['-vf', 'noise=alls=8:allf=t', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '6M', '-c:a', 'libopus', '-shortest'];
  try {
    await runTool(tools.ffmpeg, ['-v', 'error', ...source, ...encode, '-y', out], { timeoutMs: 30 * 60_000 });
    return await readFile(out);
  } finally {
    await removeDir();
  }
}

export interface Ready {
  id: string;
  url: string;
  /** from the start of the POST until the media was seen ready */
  ms: number;
  /** ready within the v2 answer (200), without asking again */
  direct: boolean;
}

async function answer(r: Response): Promise<{ id: string; url: string | null; error?: string }> {
  const text = await r.text();
  try {
    return JSON.parse(text);
  } catch {
    return { id: '', url: null, error: text.slice(0, 200) };
  }
}

/** POST /api/v2/media, then GET /api/v1/media/:id every `pollMs` while it answers 206, until 200. */
export async function uploadUntilReady(server: string, token: string, file: Blob, name: string, pollMs: number): Promise<Ready> {
  const started = performance.now();
  const headers = { authorization: `Bearer ${token}` };
  const form = new FormData();
  form.append('file', file, name);
  const posted = await fetch(`${server}/api/v2/media`, { method: 'POST', headers, body: form });
  const media = await answer(posted);
  if (posted.status === 200) return { id: media.id, url: media.url!, ms: performance.now() - started, direct: true };
  if (posted.status !== 202) throw new Error(`POST /api/v2/media answered ${posted.status}: ${JSON.stringify(media)}`);
  for (;;) {
    await sleep(pollMs);
    const r = await fetch(`${server}/api/v1/media/${media.id}`, { headers });
    const now = await answer(r);
    if (r.status === 200) return { id: now.id, url: now.url!, ms: performance.now() - started, direct: false };
    if (r.status !== 206) throw new Error(`GET /api/v1/media/${media.id} answered ${r.status}: ${JSON.stringify(now)}`);
  }
}

export interface UploadRun {
  ready: Ready[];
  errors: number;
  /** from the first upload's start until the last one was ready */
  ms: number;
}

/** `lanes` uploads at a time: each lane starts its next upload once its last is ready, while `more()` says so. */
export async function uploadLanes(lanes: number, more: () => boolean, upload: (lane: number) => Promise<Ready>): Promise<UploadRun> {
  const ready: Ready[] = [];
  let errors = 0;
  const t0 = performance.now();
  const lane = async (i: number) => {
    while (more()) {
      try {
        ready.push(await upload(i));
      } catch (error) {
        if (errors++ === 0) console.error(`an upload failed: ${error instanceof Error ? error.message : error}`);
        await sleep(100);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  return { ready, errors, ms: performance.now() - t0 };
}

/** Uploads in lanes until stopped: the burst the timeline is read during. */
export function uploadBurst(lanes: number, upload: (lane: number) => Promise<Ready>): { stop(): Promise<UploadRun> } {
  let going = true;
  const run = uploadLanes(lanes, () => going, upload);
  return {
    stop() {
      going = false;
      return run;
    },
  };
}

const TICKS_PER_SECOND = 100;

/**
 * CPU time (ms) of a process and its descendants, counting the children that already ended (the
 * kernel adds a reaped child's time to its parent's cutime/cstime): an ffmpeg run that finished
 * between two readings is counted, which it is not by lib.ts's processTreeCpuMs.
 */
export function cpuWithEndedChildrenMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name: utime, stime, cutime, cstime are the 14th to 17th fields.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let total = ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / TICKS_PER_SECOND;
  for (const child of childPids(pid)) {
    try {
      total += cpuWithEndedChildrenMs(child);
    } catch {
      // gone meanwhile: its time is in this process's cutime at the next reading
    }
  }
  return total;
}

/** Resident memory (bytes) of a process and its live descendants: the sum of their VmRSS. */
export function treeRssBytes(pid: number): number {
  let kb: number;
  try {
    kb = Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0);
  } catch {
    return 0;
  }
  return kb * 1024 + childPids(pid).reduce((sum, child) => sum + treeRssBytes(child), 0);
}

/** Samples the tree's resident memory every 100 ms; `take()` gives the highest since the last take. */
export function rssPeaks(pid: number): { take(): number } {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, treeRssBytes(pid)));
  const timer = setInterval(sample, 100);
  undoAtEnd(() => clearInterval(timer));
  return {
    take() {
      const highest = Math.max(peak, sample());
      peak = 0;
      return highest;
    },
  };
}

/**
 * Readers whose home timelines hold `posts` posts of 40 authors they follow (posted through the
 * API, fan-out done): what is read while uploads burst. Returns the readers' tokens.
 */
export async function seedHomeTimelines(pool: pg.Pool, server: string, readers: number, posts: number): Promise<string[]> {
  const reader = await seedAccounts(pool, 'reader', readers);
  const authors = await seedAccounts(pool, 'author', 40);
  for (const id of authors.ids) await seedFollows(pool, reader.ids, id);
  for (let i = 0; i < posts; i++) {
    const text = i % 3 === 0 ? `Post ${i} for @reader0 about #parley and https://example.com/${i}` : `Post ${i}, plain words to read on the home timeline.`;
    const r = await fetch(`${server}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${authors.tokens[i % authors.ids.length]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: text }),
    });
    if (!r.ok) throw new Error(`post failed: ${r.status} ${await r.text()}`);
  }
  await drained(pool, 50);
  // Seeded after the server started, so after its analyze: without statistics the planner plans for empty tables.
  await pool.query('analyze');
  return reader.tokens;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
