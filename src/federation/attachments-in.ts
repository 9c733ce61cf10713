// The attachments of a Note from another server, as the core keeps them (see core/media/remote):
// Documents, Images, Videos and Audio with an http(s) URL; anything else is left out.
import type { Context } from '@fedify/fedify';
import { Audio, Document, Image, Link, type Note, type Question, Video } from '@fedify/vocab';
import type { RemoteAttachment } from '../core/media/remote.ts';

const MAX_READ = 16;

function urlOf(value: unknown): string | undefined {
  const url = value instanceof URL ? value : value instanceof Link ? value.href : undefined;
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : undefined;
}

export async function attachmentsOf(ctx: Context<void>, note: Note | Question): Promise<RemoteAttachment[]> {
  const out: RemoteAttachment[] = [];
  try {
    for await (const a of note.getAttachments({ documentLoader: ctx.documentLoader, suppressError: true })) {
      if (out.length >= MAX_READ) break;
      if (!(a instanceof Document || a instanceof Image || a instanceof Video || a instanceof Audio)) continue;
      const url = urlOf(a.url);
      if (!url) continue;
      out.push({
        url,
        mediaType: a.mediaType ?? undefined,
        name: a.name?.toString(),
        blurhash: undefined,
        focalPoint: undefined,
        width: (a instanceof Document && a.width) || undefined,
        height: (a instanceof Document && a.height) || undefined,
        kind: a instanceof Image ? 'Image' : a instanceof Video ? 'Video' : a instanceof Audio ? 'Audio' : 'Document',
      });
    }
  } catch {
    // attachments are extras: the note stands without them
  }
  return out;
}
