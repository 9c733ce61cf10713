// A status's attachment as the Document Mastodon sends (its `mediaType` says image, video or audio):
// the URL, the alt text as `name`, the size, the preview image of a video or sound as `icon`, and
// Mastodon's `blurhash` and `focalPoint` (`toot:` terms).
//
// Fedify's vocabulary has no property for those two, and says it cannot be extended at run time
// (its manual, "Extending the vocabulary"). What it does offer: `toJsonLd()` compacts with a
// context given by the caller. So the Document here writes the two terms into its expanded form
// (which the enclosing object's compaction reads), and the objects Parley serves and sends
// (MediaNote, MediaQuestion, MediaCreate, MediaUpdate) compact with their own Fedify context plus
// Mastodon's definitions of the terms, so they come out as `blurhash` and `focalPoint`, the keys
// Mastodon reads. This is all in `toJsonLd()`: the JSON is final before Fedify signs it (HTTP,
// Linked Data and object integrity signatures all cover it).
import { Create, Document, Image, Note, Question, Update } from '@fedify/vocab';
import { SERVED_TYPES } from '../../core/media/formats.ts';
import type { MediaRow } from '../../store/schema/media.ts';

const TOOT = 'http://joinmastodon.org/ns#';

/** The terms as Mastodon's own context defines them. */
export const MEDIA_TERMS = { toot: TOOT, blurhash: 'toot:blurhash', focalPoint: { '@container': '@list', '@id': 'toot:focalPoint' } } as const;

type JsonLdOptions = NonNullable<Parameters<Document['toJsonLd']>[0]>;
type JsonLdContext = JsonLdOptions['context'];
type CloneValues = Parameters<Document['clone']>[0];
type CloneOptions = Parameters<Document['clone']>[1];

interface MediaTerms {
  blurhash: string | null;
  focalPoint: readonly [number, number] | null;
}

/** A Document carrying the two terms in its expanded form. */
class MediaDocument extends Document {
  #terms: MediaTerms = { blurhash: null, focalPoint: null };

  static of(values: ConstructorParameters<typeof Document>[0], terms: MediaTerms): MediaDocument {
    const document = new MediaDocument(values);
    document.#terms = terms;
    return document;
  }

  override clone(values?: CloneValues, options?: CloneOptions): Document {
    const copy = super.clone(values, options);
    if (copy instanceof MediaDocument) copy.#terms = this.#terms;
    return copy;
  }

  override async toJsonLd(options: JsonLdOptions = {}): Promise<unknown> {
    const json = await super.toJsonLd(options);
    if (options.format !== 'expand') return json;
    const [node] = json as Record<string, unknown>[];
    if (node && this.#terms.blurhash) node[`${TOOT}blurhash`] = [{ '@value': this.#terms.blurhash }];
    if (node && this.#terms.focalPoint) node[`${TOOT}focalPoint`] = [{ '@list': this.#terms.focalPoint.map((v) => ({ '@value': v })) }];
    return json;
  }
}

type Kind = new (values: Record<string, never>) => { toJsonLd(options?: JsonLdOptions): Promise<unknown> };
const contexts = new Map<Kind, Promise<JsonLdContext>>();

/** The context Fedify compacts a kind of object with (read once, from an empty one), with the terms added. */
function contextWithTerms(kind: Kind, contextLoader: JsonLdOptions['contextLoader']): Promise<JsonLdContext> {
  let found = contexts.get(kind);
  if (!found) {
    found = new kind({}).toJsonLd({ format: 'compact', contextLoader }).then((json) => [(json as { '@context': unknown })['@context'], MEDIA_TERMS].flat() as JsonLdContext);
    found.catch(() => contexts.delete(kind));
    contexts.set(kind, found);
  }
  return found;
}

/** Compacts as Fedify would, with the terms defined; a caller's own context or the expanded form is left alone. */
async function withTerms(kind: Kind, options: JsonLdOptions, toJsonLd: (options: JsonLdOptions) => Promise<unknown>): Promise<unknown> {
  if (options.format === 'expand' || options.context !== undefined) return toJsonLd(options);
  return toJsonLd({ format: 'compact', contextLoader: options.contextLoader, context: await contextWithTerms(kind, options.contextLoader) });
}

/** A Note whose attachments' `blurhash` and `focalPoint` are named as Mastodon names them. */
export class MediaNote extends Note {
  override toJsonLd(options: JsonLdOptions = {}): Promise<unknown> {
    return withTerms(Note, options, (o) => super.toJsonLd(o));
  }
}

export class MediaQuestion extends Question {
  override toJsonLd(options: JsonLdOptions = {}): Promise<unknown> {
    return withTerms(Question, options, (o) => super.toJsonLd(o));
  }
}

export class MediaCreate extends Create {
  override toJsonLd(options: JsonLdOptions = {}): Promise<unknown> {
    return withTerms(Create, options, (o) => super.toJsonLd(o));
  }
}

export class MediaUpdate extends Update {
  override toJsonLd(options: JsonLdOptions = {}): Promise<unknown> {
    return withTerms(Update, options, (o) => super.toJsonLd(o));
  }
}

/**
 * Whether an activity's JSON comes from the classes above. Fedify's fan-out (five inboxes or more)
 * queues the JSON and reads it back as its own vocabulary, which drops the terms (and the object
 * integrity proof made over them would no longer match): such activities are sent without it
 * (`fanout: 'skip'`), from Parley's delivery job, itself durable.
 */
export const carriesMediaTerms = (activity: unknown): boolean => activity instanceof MediaCreate || activity instanceof MediaUpdate;

/** A video's poster, a sound's cover: the still image Mastodon reads as the attachment's thumbnail. */
function iconOf(m: MediaRow, mediaBase: string): Image | null {
  if (m.type === 'image' || !m.previewKey) return null;
  return new Image({ url: new URL(`${mediaBase}/${m.previewKey}`), mediaType: SERVED_TYPES[m.previewKey.split('.').pop() ?? ''] ?? null });
}

export function attachmentOf(m: MediaRow, mediaBase: string): Document | null {
  const url = m.fileKey ? `${mediaBase}/${m.fileKey}` : m.remoteUrl;
  if (!url) return null;
  const original = m.meta.original;
  return MediaDocument.of(
    {
      mediaType: m.contentType,
      url: new URL(url),
      name: m.description,
      width: original?.width ?? null,
      height: original?.height ?? null,
      icon: iconOf(m, mediaBase),
    },
    { blurhash: m.blurhash, focalPoint: m.focusX !== null && m.focusY !== null ? [m.focusX, m.focusY] : null },
  );
}
