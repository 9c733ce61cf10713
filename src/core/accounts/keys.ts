// Each local account's signing keys: RSA (draft-cavage and RFC 9421 HTTP signatures, what most
// servers check) and Ed25519 (FEP-8b32 object integrity), made on first use and kept in
// PostgreSQL as JWK. RSA keys are 2048-bit, as Mastodon's (4096 cost 5.9 ms a signature here
// against 1.0 ms, and every activity carries two). Keys never change, so each process keeps the
// imported ones. Plain WebCrypto: the core knows nothing of ActivityPub.
import type { webcrypto } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { accountKeys } from '../../store/schema/index.ts';

const CACHED_ACCOUNTS = 1000;
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

type Jwk = webcrypto.JsonWebKey;

async function generate(): Promise<{ rsa: webcrypto.CryptoKeyPair; ed: webcrypto.CryptoKeyPair }> {
  const [rsa, ed] = await Promise.all([
    crypto.subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']),
    crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify']),
  ]);
  return { rsa: rsa as webcrypto.CryptoKeyPair, ed: ed as webcrypto.CryptoKeyPair };
}

async function exportJwk(key: webcrypto.CryptoKey): Promise<Jwk> {
  const jwk = await crypto.subtle.exportKey('jwk', key);
  // Keys written before this module named the curve as their algorithm too; keep one shape.
  if (jwk.crv === 'Ed25519') jwk.alg = 'Ed25519';
  return jwk;
}

function importJwk(jwk: Jwk, type: 'public' | 'private'): Promise<webcrypto.CryptoKey> {
  const algorithm = jwk.kty === 'RSA' ? RSA : 'Ed25519';
  return crypto.subtle.importKey('jwk', jwk, algorithm, true, type === 'public' ? ['verify'] : ['sign']) as Promise<webcrypto.CryptoKey>;
}

export function createAccountKeys(db: Db) {
  const cache = new Map<string, Promise<webcrypto.CryptoKeyPair[]>>();

  async function load(accountId: string): Promise<webcrypto.CryptoKeyPair[]> {
    let row = await db.query.accountKeys.findFirst({ where: eq(accountKeys.accountId, accountId) });
    if (!row) {
      const { rsa, ed } = await generate();
      await db
        .insert(accountKeys)
        .values({
          accountId,
          rsaPublic: await exportJwk(rsa.publicKey),
          rsaPrivate: await exportJwk(rsa.privateKey),
          ed25519Public: await exportJwk(ed.publicKey),
          ed25519Private: await exportJwk(ed.privateKey),
        })
        // Two requests racing: the first key pair written wins, both then read it.
        .onConflictDoNothing();
      row = await db.query.accountKeys.findFirst({ where: eq(accountKeys.accountId, accountId) });
    }
    const r = row!;
    return [
      { publicKey: await importJwk(r.rsaPublic as Jwk, 'public'), privateKey: await importJwk(r.rsaPrivate as Jwk, 'private') },
      { publicKey: await importJwk(r.ed25519Public as Jwk, 'public'), privateKey: await importJwk(r.ed25519Private as Jwk, 'private') },
    ];
  }

  return {
    /** [RSA, Ed25519] key pairs of a local account, made on first use. */
    pairsFor(accountId: string): Promise<webcrypto.CryptoKeyPair[]> {
      let pairs = cache.get(accountId);
      if (!pairs) {
        if (cache.size >= CACHED_ACCOUNTS) cache.delete(cache.keys().next().value!);
        pairs = load(accountId);
        cache.set(accountId, pairs);
        pairs.catch(() => cache.delete(accountId));
      }
      return pairs;
    },
  };
}

export type AccountKeys = ReturnType<typeof createAccountKeys>;
