// The server-sent-events side of the streaming API: /api/v1/streaming/user, /public, /hashtag, ...
import { Hono } from 'hono';
import type { Auth } from '../auth.ts';
import type { AppEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { params } from '../params.ts';
import { languagesOf } from '../reader-languages.ts';
import type { Hub, StreamClient } from './hub.ts';
import { resolveStream, StreamError, streamScope } from './streams.ts';

/** Queued bytes past which a slow reader is dropped rather than buffered without bound. */
const MAX_QUEUED_BYTES = 1024 * 1024;
const encoder = new TextEncoder();

export function sseRoutes(deps: { hub: Hub; auth: Auth; heartbeatMs: number }) {
  const { hub, auth, heartbeatMs } = deps;
  const app = new Hono<AppEnv>();

  app.get('/api/v1/streaming/*', async (c) => {
    const stream = c.req.path
      .replace(/^\/api\/v1\/streaming\/?/, '')
      .replace(/\/+$/, '')
      .replace(/\//g, ':');
    const bearer = await auth.bearer(c);
    const viewer = bearer ? auth.signed(bearer) : null;
    if (bearer) await auth.client(c, streamScope(stream));
    let spec: ReturnType<typeof resolveStream>;
    try {
      const { tag, list, event } = await params(c);
      spec = resolveStream(
        { stream, tag: typeof tag === 'string' ? tag : undefined, list: typeof list === 'string' ? list : undefined, event: typeof event === 'string' ? event : undefined },
        viewer?.account.id ?? null,
      );
      await hub.check(viewer?.account.id ?? null, spec);
    } catch (error) {
      if (error instanceof StreamError) throw new ApiError(error.status as 400, error.message);
      throw error;
    }
    const relations = await hub.relationsOf(viewer?.account.id ?? null);
    const languages = languagesOf({ lang: c.req.query('lang'), acceptLanguage: c.req.header('accept-language') }, bearer?.user);
    let client: StreamClient | undefined;
    let heartbeat: NodeJS.Timeout | undefined;
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          let open = true;
          const close = () => {
            if (!open) return;
            open = false;
            clearInterval(heartbeat);
            if (client) void hub.remove(client);
            try {
              controller.close();
            } catch {}
          };
          const write = (text: string) => {
            if (!open) return false;
            if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) {
              close();
              return false;
            }
            controller.enqueue(encoder.encode(text));
            return true;
          };
          client = {
            viewerId: viewer?.account.id ?? null,
            languages,
            chosen: bearer?.user?.chosenLanguages ?? null,
            relations,
            send: (_stream, event, payload) => write(`event: ${event}\ndata: ${payload}\n\n`),
          };
          // Comments are single lines, as Mastodon writes them: a blank line ends an event, and
          // clients such as Mastodon.py give up on a stream when one ends an event with no name.
          write(':)\n');
          heartbeat = setInterval(() => write(':thump\n'), heartbeatMs);
          c.req.raw.signal.addEventListener('abort', close);
          void hub.subscribe(client, spec).catch(close);
        },
        cancel() {
          clearInterval(heartbeat);
          if (client) void hub.remove(client);
        },
      },
      { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
    );
    return new Response(body, {
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no', Connection: 'keep-alive' },
    });
  });
  return app;
}
