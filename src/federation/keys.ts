// Key pairs for HTTP signatures: RSA (draft-cavage, what most servers check) and Ed25519
// (FEP-8b32 object integrity), made once per local account and kept in PostgreSQL. RSA keys are
// 2048-bit, as Mastodon's: Fedify's default of 4096 costs 5.9 ms per signature here against 1.0 ms,
// and every activity carries two. Keys never change, so each process keeps the imported ones.
import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify';
import type { webcrypto } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { accountKeys } from '../store/schema/index.ts';

const CACHED_ACCOUNTS = 1000;

function generateRsa(): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;
}

export function createKeyStore(db: Db) {
  const cache = new Map<string, Promise<webcrypto.CryptoKeyPair[]>>();

  async function load(accountId: string): Promise<webcrypto.CryptoKeyPair[]> {
    let row = await db.query.accountKeys.findFirst({ where: eq(accountKeys.accountId, accountId) });
    if (!row) {
      const [rsa, ed] = await Promise.all([generateRsa(), generateCryptoKeyPair('Ed25519')]);
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
      { publicKey: await importJwk(r.rsaPublic, 'public'), privateKey: await importJwk(r.rsaPrivate, 'private') },
      { publicKey: await importJwk(r.ed25519Public, 'public'), privateKey: await importJwk(r.ed25519Private, 'private') },
    ];
  }

  return {
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
