// What the fediverse sends, read the way Mastodon reads it. Many servers (snac, and others) put
// `{"type": "Hashtag"}` or `"sensitive": true` in documents whose only context is ActivityStreams,
// which does not define those terms: strict JSON-LD expands them to blank-node terms and they
// vanish (a post without its hashtags). Mastodon's own context defines them in the `as:`
// namespace; the ActivityStreams context is read here with those definitions added. Only the
// expansion changes: the bytes whose digest HTTP signatures cover are untouched.
import type { Federation } from '@fedify/fedify';
import type { DocumentLoader, RemoteDocument } from '@fedify/vocab-runtime';

const ACTIVITYSTREAMS = 'https://www.w3.org/ns/activitystreams';

/** Terms the fediverse uses with the ActivityStreams context alone, as Mastodon's context defines them. */
export const FEDIVERSE_TERMS = {
  Hashtag: 'as:Hashtag',
  sensitive: 'as:sensitive',
  manuallyApprovesFollowers: 'as:manuallyApprovesFollowers',
  movedTo: { '@id': 'as:movedTo', '@type': '@id' },
  alsoKnownAs: { '@id': 'as:alsoKnownAs', '@type': '@id' },
} as const;

const isActivityStreams = (url: string) => url.replace(/^http:/, 'https:').replace(/(\.jsonld|\/)$/, '') === ACTIVITYSTREAMS;

/** A context loader that answers the ActivityStreams context with FEDIVERSE_TERMS added. */
export function withFediverseTerms(loader: DocumentLoader): DocumentLoader {
  return async (url, options) => {
    const loaded: RemoteDocument = await loader(url, options);
    if (!isActivityStreams(url)) return loaded;
    const context = (loaded.document as { '@context'?: unknown })['@context'];
    return { ...loaded, document: { '@context': [context, FEDIVERSE_TERMS] } };
  };
}

type LoaderFactory = (options?: unknown) => DocumentLoader;

/**
 * Makes `federation` read loose JSON-LD. Fedify refuses a custom context loader beside its
 * `userAgent` and `allowPrivateAddress` options (which Parley needs for every fetch), so the
 * loader it built from them is wrapped instead; test/interop/lax-peer.test.ts fails if Fedify
 * stops reading it from here.
 */
export function readLooseJsonLd(federation: Federation<void>): void {
  const target = federation as unknown as { contextLoaderFactory: LoaderFactory };
  const built = target.contextLoaderFactory;
  if (typeof built !== 'function') throw new Error('Fedify no longer exposes contextLoaderFactory: loose JSON-LD needs another way in');
  target.contextLoaderFactory = (options) => withFediverseTerms(built.call(federation, options));
}
