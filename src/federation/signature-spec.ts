// How Parley signs what it delivers. Fedify knocks with RFC 9421 first by default and, when the
// peer answers 2xx, remembers RFC 9421 for it; but most servers (Mastodon, Misskey, GoToSocial,
// Pleroma, snac) verify draft-cavage signatures, several only after answering 202 from their
// own queue: every later delivery to them was dropped as badly signed. So Parley signs with
// draft-cavage unless a peer has shown it verifies RFC 9421: it signed its own request to us
// with it, or it refused draft-cavage and took RFC 9421 (Fedify's double knock remembers that).
import type { KvStore } from '@fedify/fedify';
import type { Log } from '../infra/log.ts';

export const FIRST_KNOCK = 'draft-cavage-http-signatures-12' as const;

/**
 * Where the spec each peer origin verifies is kept (Fedify's KvSpecDeterminer key). Not Fedify's
 * default key: what servers up to 0.1.0 remembered there came from 202s that proved nothing.
 */
export const SIGNATURE_SPEC_PREFIX = ['_parley', 'signatureSpec'] as const;

/** The origin of the key an RFC 9421 signature names (`Signature-Input: sig1=(...);keyid="..."`). */
export function rfc9421KeyOrigin(request: Request): string | null {
  const input = request.headers.get('signature-input');
  const keyId = input?.match(/;\s*keyid="([^"]+)"/)?.[1];
  if (!keyId || !URL.canParse(keyId)) return null;
  return new URL(keyId).origin;
}

/**
 * After an inbox accepted a request signed with RFC 9421 (Fedify verified it), deliveries to its
 * sender's origin are signed that way too.
 */
export async function rememberRfc9421Sender(kv: KvStore, request: Request, status: number, log: Log): Promise<void> {
  if (request.method !== 'POST' || status < 200 || status >= 300) return;
  const origin = rfc9421KeyOrigin(request);
  if (!origin) return;
  const key = [...SIGNATURE_SPEC_PREFIX, origin] as const;
  if ((await kv.get(key)) === 'rfc9421') return;
  await kv.set(key, 'rfc9421');
  log.debug(`${origin} signs with RFC 9421: deliveries to it are signed with RFC 9421 from now on`);
}
