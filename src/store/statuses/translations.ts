// Machine translations of statuses, kept per edit and language (status_translations).
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { statusTranslations, type StatusTranslationRow } from '../schema/index.ts';

export type KeptTranslation = Omit<StatusTranslationRow, 'createdAt'>;

export async function keptTranslation(db: DbOrTx, statusId: string, language: string, edition: Date): Promise<KeptTranslation | undefined> {
  const [row] = await db
    .select()
    .from(statusTranslations)
    .where(and(eq(statusTranslations.statusId, statusId), eq(statusTranslations.language, language), eq(statusTranslations.edition, edition)));
  return row;
}

/** Keeps a translation; those of the status's earlier edits go (they translate text it no longer has). */
export async function keepTranslation(db: DbOrTx, row: KeptTranslation): Promise<void> {
  await db.delete(statusTranslations).where(and(eq(statusTranslations.statusId, row.statusId), ne(statusTranslations.edition, row.edition)));
  await db.insert(statusTranslations).values(row).onConflictDoNothing();
}
