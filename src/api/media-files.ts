// Serving stored media when Parley holds them itself (filesystem storage): content-addressed names
// cached for ever, byte ranges for seeking in video, and the type fixed by the name, never sniffed.
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { SERVED_TYPES } from '../core/media/formats.ts';
import { CONTENT_KEY, type MediaStorage } from '../core/media/storage.ts';
import type { AppEnv } from './deps.ts';

type Range = { start: number; end?: number } | 'unsatisfiable' | undefined;

/** One range of `bytes=a-b`, `bytes=a-` or `bytes=-n`; several ranges are answered whole (as allowed). */
export function parseRange(header: string | undefined, size: number): Range {
  const m = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!m) return undefined;
  const [, from, to] = m;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const n = Number(to);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(from);
  if (start >= size) return 'unsatisfiable';
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  return end < start ? undefined : { start, end };
}

function headersFor(key: string): Record<string, string> {
  const ext = key.slice(key.lastIndexOf('.') + 1);
  return {
    'Content-Type': SERVED_TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: `"${key.slice(key.lastIndexOf('/') + 1, key.lastIndexOf('.'))}"`,
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
    // A media file is never a page: nothing in it may run, even opened on its own.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
}

async function serve(c: Context<AppEnv>, storage: MediaStorage, head: boolean) {
  const key = c.req.path.slice('/media/'.length);
  if (!CONTENT_KEY.test(key)) return c.json({ error: 'Record not found' }, 404);
  const headers = headersFor(key);
  if (c.req.header('if-none-match') === headers.ETag) return c.body(null, 304, headers);
  const size = await storage.size(key);
  if (size === undefined) return c.json({ error: 'Record not found' }, 404);
  const range = parseRange(c.req.header('range'), size);
  if (range === 'unsatisfiable') return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${size}` });
  const file = await storage.open(key, range);
  if (!file) return c.json({ error: 'Record not found' }, 404);
  const length = file.range ? file.range.end - file.range.start + 1 : file.size;
  const all = { ...headers, 'Content-Length': String(length), ...(file.range ? { 'Content-Range': `bytes ${file.range.start}-${file.range.end}/${file.size}` } : {}) };
  const status = file.range ? 206 : 200;
  if (head) {
    file.body.destroy();
    return c.body(null, status, all);
  }
  return c.body(Readable.toWeb(file.body) as ReadableStream, status, all);
}

export function mediaFileRoutes(storage: MediaStorage) {
  const app = new Hono<AppEnv>();
  if (!storage.servedByParley) return app;
  app.get('/media/*', (c) => serve(c, storage, false));
  app.on('HEAD', '/media/*', (c) => serve(c, storage, true));
  return app;
}
