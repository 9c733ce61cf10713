// Media uploads (Mastodon's v1 and v2 media API): upload, read while processing, describe, delete.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { input, validate, zString } from '../params.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import { receiveUpload } from '../upload-body.ts';
import { serializeMediaAttachment } from './entities/media-attachment.ts';

// The v2 upload waits this long for an image before answering 202; v1 waits for any file this long.
const V2_WAIT_MS = 5_000;
const V1_WAIT_MS = 120_000;

/** The largest file accepted, with room for the multipart framing and the text fields. */
export function uploadBodyLimit(config: { imageMaxBytes: number; videoMaxBytes: number }): number {
  return Math.max(config.imageMaxBytes, config.videoMaxBytes) + 64 * 1024;
}

const uploadFields = z.object({ description: zString.optional(), focus: zString.optional() });
const updateParams = z.object({ description: zString.optional(), focus: zString.optional() });

export function mediaRoutes(deps: ApiDeps, auth: Auth) {
  const { media } = deps.core;
  const base = deps.config.media.publicBaseUrl;
  const app = new Hono<AppEnv>();
  const writer = (c: Context<AppEnv>) => auth.user(c, 'write:media');

  /** Processing failed: the file is refused (as Mastodon answers a file it could not process). */
  const refused = (error: string | null) => new ApiError(422, `Validation failed: File could not be processed: ${error ?? 'unknown error'}`);

  async function upload(c: Context<AppEnv>, waitMs: (kind: string) => number) {
    const { account } = await writer(c);
    const body = await receiveUpload(c, { dir: deps.config.media.uploadDir, maxBytes: uploadBodyLimit(deps.config.media) });
    let row: MediaRow;
    try {
      const p = validate(body.fields, uploadFields);
      if (!body.file) throw new ApiError(400, 'Missing required parameter: file');
      row = await media.upload(account, { file: body.file.path, size: body.file.size, description: p.description, focus: p.focus });
    } finally {
      await body.discard();
    }
    const done = await media.whenProcessed(account, row.id, waitMs(row.type));
    if (done.state === 'failed') throw refused(done.error);
    return c.json(serializeMediaAttachment(done, base), done.state === 'ready' ? 200 : 202);
  }

  app.post('/api/v1/media', (c) => upload(c, () => V1_WAIT_MS));
  app.post('/api/v2/media', (c) => upload(c, (type) => (type === 'image' ? V2_WAIT_MS : 0)));

  app.get('/api/v1/media/:id', async (c) => {
    const { account } = await writer(c);
    const row = await media.unattached(account, c.req.param('id'));
    if (row.state === 'failed') throw refused(row.error);
    // 206 while processing, as Mastodon answers: the client asks again.
    return c.json(serializeMediaAttachment(row, base), row.state === 'ready' ? 200 : 206);
  });
  app.put('/api/v1/media/:id', async (c) => {
    const { account } = await writer(c);
    const p = await input(c, updateParams);
    return c.json(serializeMediaAttachment(await media.describe(account, c.req.param('id'), p), base));
  });
  app.delete('/api/v1/media/:id', async (c) => {
    const { account } = await writer(c);
    await media.remove(account, c.req.param('id'));
    return c.json({});
  });
  return app;
}
