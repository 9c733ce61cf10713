// A status's versions in other languages (status_versions).
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { statusVersions, type KeptVersion } from '../schema/index.ts';

export function versionsOf(db: DbOrTx, statusId: string): Promise<KeptVersion[]> {
  return db
    .select({ language: statusVersions.language, text: statusVersions.text, contentHtml: statusVersions.contentHtml, spoilerText: statusVersions.spoilerText })
    .from(statusVersions)
    .where(eq(statusVersions.statusId, statusId))
    .orderBy(asc(statusVersions.language));
}

/** Writes a status's versions, dropping those it had before. */
export async function replaceVersions(tx: DbOrTx, statusId: string, versions: readonly KeptVersion[]): Promise<void> {
  await tx.delete(statusVersions).where(eq(statusVersions.statusId, statusId));
  if (versions.length > 0) await tx.insert(statusVersions).values(versions.map((v) => ({ ...v, statusId })));
}
