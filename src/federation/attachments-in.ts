// The attachments of a Note from another server, as the core keeps them (see core/media/remote):
// Documents, Images, Videos and Audio with an http(s) URL; anything else is left out. Their
// `blurhash` and `focalPoint` (Mastodon's `toot:` terms, which Fedify's vocabulary does not model and
// drops) are read from the JSON the note was sent as (see mediaTermsOf).
import type { Context } from '@fedify/fedify';
import { type Activity, Audio, Document, Image, Link, type Note, type Question, Video } from '@fedify/vocab';
import type { RemoteAttachment } from '../core/media/remote.ts';

const MAX_READ = 16;
const TOOT = 'http://joinmastodon.org/ns#';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const sameId = (v: unknown, id: string | undefined) => typeof v === 'string' && URL.canParse(v) && new URL(v).href === id;

function urlOf(value: unknown): string | undefined {
  const url = value instanceof URL ? value : value instanceof Link ? value.href : undefined;
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : undefined;
}

/** A term by the names it goes by: Mastodon's key, the prefixed one, the full IRI. */
const term = (node: Json, name: string): unknown => node[name] ?? node[`toot:${name}`] ?? node[`${TOOT}${name}`];
/** A JSON-LD value as given: plain, `{"@value": …}`, or a one-item array of either. */
const plainOf = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? plainOf(v[0]) : isJson(v) && '@value' in v ? v['@value'] : v);

function focalPointOf(v: unknown): [number, number] | undefined {
  const single = Array.isArray(v) && v.length === 1 ? v[0] : v;
  const list = isJson(single) && Array.isArray(single['@list']) ? single['@list'] : single;
  if (!Array.isArray(list) || list.length !== 2) return undefined;
  const [x, y] = list.map(plainOf);
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : undefined;
}

function rawUrlOf(v: unknown): string | undefined {
  const first = plainOf(Array.isArray(v) ? v[0] : v);
  const href = isJson(first) ? (first.href ?? first['@id']) : first;
  return typeof href === 'string' && URL.canParse(href) ? new URL(href).href : undefined;
}

/**
 * The note as its server sent it, when Fedify kept it: `toJsonLd()` without options answers the
 * JSON an object was read from when it was read on its own (fetched); a note embedded in the
 * activity that brought it is in that activity's JSON (trusted as Fedify trusts it: same origin).
 */
async function sentJsonOf(note: Note | Question, via: Activity | undefined): Promise<Json | undefined> {
  const id = note.id?.href;
  if (via?.id && note.id && via.id.origin === note.id.origin) {
    const sent = await via.toJsonLd();
    const object = isJson(sent) ? sent.object : undefined;
    if (isJson(object) && sameId(object.id, id)) return object;
  }
  const sent = await note.toJsonLd();
  return isJson(sent) && sameId(sent.id, id) ? sent : undefined;
}

/** Each attachment's blurhash and focal point, by URL, as Mastodon reads them (by their keys). */
async function mediaTermsOf(note: Note | Question, via: Activity | undefined): Promise<Map<string, Pick<RemoteAttachment, 'blurhash' | 'focalPoint'>>> {
  const found = new Map<string, Pick<RemoteAttachment, 'blurhash' | 'focalPoint'>>();
  const sent = await sentJsonOf(note, via).catch(() => undefined);
  for (const a of [sent?.attachment ?? []].flat().slice(0, MAX_READ)) {
    const url = isJson(a) ? rawUrlOf(a.url) : undefined;
    if (!isJson(a) || !url) continue;
    const blurhash = plainOf(term(a, 'blurhash'));
    found.set(url, { blurhash: typeof blurhash === 'string' ? blurhash : undefined, focalPoint: focalPointOf(term(a, 'focalPoint')) });
  }
  return found;
}

/** A video's or sound's still image (Mastodon sends it embedded, as `icon`); never fetched as a document. */
async function iconUrlOf(ctx: Context<void>, a: Document | Image | Video | Audio): Promise<string | undefined> {
  if (a instanceof Image || a.iconId !== null) return undefined;
  const icon = await a.getIcon({ documentLoader: ctx.documentLoader, suppressError: true }).catch(() => null);
  return icon ? urlOf(icon.url) : undefined;
}

/** `via`: the activity that brought the note, if it came in one (its JSON may hold the note's). */
export async function attachmentsOf(ctx: Context<void>, note: Note | Question, via?: Activity): Promise<RemoteAttachment[]> {
  const out: RemoteAttachment[] = [];
  try {
    const terms = await mediaTermsOf(note, via);
    for await (const a of note.getAttachments({ documentLoader: ctx.documentLoader, suppressError: true })) {
      if (out.length >= MAX_READ) break;
      if (!(a instanceof Document || a instanceof Image || a instanceof Video || a instanceof Audio)) continue;
      const url = urlOf(a.url);
      if (!url) continue;
      out.push({
        url,
        mediaType: a.mediaType ?? undefined,
        name: a.name?.toString(),
        blurhash: terms.get(url)?.blurhash,
        focalPoint: terms.get(url)?.focalPoint,
        width: (a instanceof Document && a.width) || undefined,
        height: (a instanceof Document && a.height) || undefined,
        kind: a instanceof Image ? 'Image' : a instanceof Video ? 'Video' : a instanceof Audio ? 'Audio' : 'Document',
        previewUrl: await iconUrlOf(ctx, a),
      });
    }
  } catch {
    // attachments are extras: the note stands without them
  }
  return out;
}
