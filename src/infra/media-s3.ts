// Media files in an S3-compatible bucket (AWS, MinIO, Garage, ...): served by the bucket or a CDN
// in front of it (PARLEY_MEDIA_BASE_URL), never by Parley.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { MediaStorage } from '../core/media/storage.ts';

export interface S3Settings {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

// Content-addressed names never change: caches keep them for ever. Originals are never served.
const cacheControl = (key: string) => (key.startsWith('originals/') ? 'private, no-store' : 'public, max-age=31536000, immutable');

const missing = (e: unknown) => e instanceof S3ServiceException && (e.$metadata.httpStatusCode === 404 || e.name === 'NoSuchKey' || e.name === 'NotFound');

export function createS3MediaStorage(s: S3Settings): MediaStorage & { client: S3Client } {
  const client = new S3Client({
    region: s.region,
    endpoint: s.endpoint,
    forcePathStyle: s.forcePathStyle,
    // A streamed body with the SDK's default checksum goes out aws-chunked with a trailer, which not
    // every S3-compatible server reads (it stores the framing as the file); checksums only when asked.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    credentials: s.accessKeyId && s.secretAccessKey ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } : undefined,
  });
  const Bucket = s.bucket;

  async function open(key: string, range?: { start: number; end?: number }) {
    try {
      const r = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined }));
      const body = r.Body as Readable;
      const total = Number(r.ContentRange?.split('/')[1] ?? r.ContentLength ?? 0);
      if (!range) return { body, size: total };
      const end = range.start + Number(r.ContentLength ?? 0) - 1;
      return { body, size: total, range: { start: range.start, end } };
    } catch (e) {
      if (missing(e)) return undefined;
      throw e;
    }
  }

  return {
    client,
    servedByParley: false,
    async put(key, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType, CacheControl: cacheControl(key) }));
    },
    async putFile(key, file, contentType) {
      const { size } = await stat(file);
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: createReadStream(file), ContentLength: size, ContentType: contentType, CacheControl: cacheControl(key) }));
    },
    async withLocalFile(key, use) {
      const dir = await mkdtemp(path.join(tmpdir(), 'parley-s3-'));
      try {
        const file = path.join(dir, 'original');
        const found = await open(key);
        if (!found) throw new Error(`media file ${key} is not in the bucket`);
        await pipeline(found.body, createWriteStream(file));
        return await use(file);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    open,
    async size(key) {
      try {
        return Number((await client.send(new HeadObjectCommand({ Bucket, Key: key }))).ContentLength ?? 0);
      } catch (e) {
        if (missing(e)) return undefined;
        throw e;
      }
    },
    async delete(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }));
      }
    },
  };
}
