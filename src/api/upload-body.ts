// A media upload's multipart body, written to a file as it arrives: a 12 MP photo or a video never
// sits in the server's memory whole, so a burst of uploads costs the requests around it no garbage
// collection of large buffers.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Context } from 'hono';
import { ApiError } from './errors.ts';

export interface ReceivedUpload {
  /** the file part, on disk; undefined when the body had none */
  file: { path: string; size: number } | undefined;
  /** the text parts (description, focus, …), the first of each name */
  fields: Record<string, string>;
  /** removes what was written (the core has moved or copied it by then) */
  discard(): Promise<void>;
}

const FIELD_BYTES = 64 * 1024;

const tooLarge = (max: number) => new ApiError(413, `Request entity too large (maximum is ${max} bytes)`, { headers: { Connection: 'close' } });

/** The request's body as a Node stream: the socket itself under @hono/node-server, else the web stream. */
function bodyStream(c: Context): Readable {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return incoming;
  const body = c.req.raw.body;
  return body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream) : Readable.from([]);
}

/**
 * Reads a multipart/form-data body: its `file` part into a new file under `dir` (at most `maxBytes`
 * in all, counted as it comes, whatever Content-Length said), the other text parts into `fields`.
 */
export async function receiveUpload(c: Context, options: { dir: string; maxBytes: number }): Promise<ReceivedUpload> {
  const type = c.req.header('content-type') ?? '';
  // Any other body cannot carry a file (Mastodon's answer to a missing one).
  if (!/^multipart\/form-data\s*;/i.test(type)) throw new ApiError(400, 'Missing required parameter: file (sent as multipart/form-data)');
  await mkdir(options.dir, { recursive: true });
  const target = path.join(options.dir, `${process.pid}-${randomUUID()}.part`);
  const discard = () => rm(target, { force: true });
  try {
    return { ...(await parse(bodyStream(c), type, target, options.maxBytes)), discard };
  } catch (error) {
    await discard();
    throw error;
  }
}

function parse(body: Readable, contentType: string, target: string, maxBytes: number): Promise<Omit<ReceivedUpload, 'discard'>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fileSize: maxBytes, fieldSize: FIELD_BYTES, fields: 20, parts: 40 } });
    } catch {
      return reject(new ApiError(422, 'Validation failed: file must be a file (multipart/form-data)'));
    }
    const fields: Record<string, string> = {};
    let file: { path: string; size: number } | undefined;
    let written: Promise<void> = Promise.resolve();
    const fail = (error: Error) => {
      body.unpipe(parser);
      body.resume();
      reject(error);
    };
    // A client that goes away mid-body ends the wait; the file written so far is discarded.
    body.on('error', () => fail(new ApiError(400, 'The upload was cut off')));
    body.on('close', () => {
      if ((body as Partial<IncomingMessage>).complete === false) fail(new ApiError(400, 'The upload was cut off'));
    });
    parser.on('field', (name, value) => {
      if (!(name in fields)) fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      if (name !== 'file' || file) return stream.resume();
      const entry = { path: target, size: 0 };
      file = entry;
      stream.on('data', (chunk: Buffer) => (entry.size += chunk.length));
      stream.on('limit', () => fail(tooLarge(maxBytes)));
      written = pipeline(stream, createWriteStream(target));
    });
    parser.on('error', () => fail(new ApiError(400, 'The multipart body could not be read')));
    parser.on('close', () => written.then(() => resolve({ file, fields }), fail));
    body.pipe(parser);
  });
}

/** Removes parts older than `maxAgeMs` that a process killed mid-upload left behind (any process's: they share the folder). */
export async function sweepUploads(dir: string, maxAgeMs = 60 * 60 * 1000): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const before = Date.now() - maxAgeMs;
  for (const name of names) {
    if (!name.endsWith('.part')) continue;
    const file = path.join(dir, name);
    const s = await stat(file).catch(() => undefined);
    if (s && s.mtimeMs < before) await rm(file, { force: true });
  }
}
