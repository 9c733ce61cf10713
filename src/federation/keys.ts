// Key pairs for HTTP signatures: RSA (draft-cavage, what most servers check) and Ed25519
// (FEP-8b32 object integrity), made once per local account and kept in PostgreSQL.
import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify';
import type { webcrypto } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { accountKeys } from '../store/schema/index.ts';

export function createKeyStore(db: Db) {
  return {
    async pairsFor(accountId: string): Promise<webcrypto.CryptoKeyPair[]> {
      let row = await db.query.accountKeys.findFirst({ where: eq(accountKeys.accountId, accountId) });
      if (!row) {
        const [rsa, ed] = await Promise.all([generateCryptoKeyPair('RSASSA-PKCS1-v1_5'), generateCryptoKeyPair('Ed25519')]);
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
    },
  };
}
