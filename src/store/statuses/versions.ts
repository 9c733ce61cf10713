// A status's versions in other languages (status_versions).
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { textArray } from '../sql-arrays.ts';
import { statuses, statusVersions, type KeptVersion } from '../schema/index.ts';

export function versionsOf(db: DbOrTx, statusId: string): Promise<KeptVersion[]> {
  return db
    .select({ language: statusVersions.language, text: statusVersions.text, contentHtml: statusVersions.contentHtml, spoilerText: statusVersions.spoilerText })
    .from(statusVersions)
    .where(eq(statusVersions.statusId, statusId))
    .orderBy(asc(statusVersions.language));
}

/** The status row's `version_languages` for these versions: null when it has none. */
export const versionLanguagesOf = (versions: readonly KeptVersion[]): string[] | null => (versions.length > 0 ? versions.map((v) => v.language) : null);

/** Writes a status's versions, dropping those it had before, and their languages on its row (what timelines filter by). */
export async function replaceVersions(tx: DbOrTx, statusId: string, versions: readonly KeptVersion[]): Promise<void> {
  const removed = await tx.delete(statusVersions).where(eq(statusVersions.statusId, statusId)).returning({ language: statusVersions.language });
  if (versions.length > 0) await tx.insert(statusVersions).values(versions.map((v) => ({ ...v, statusId })));
  // A post that had none and has none (most, remote ones written through here too) costs no write of its row.
  if (versions.length > 0 || removed.length > 0)
    await tx
      .update(statuses)
      .set({ versionLanguages: versionLanguagesOf(versions) })
      .where(eq(statuses.id, statusId));
}

/** A status's columns as one query reads them (`statuses.language`, or `s.language` in written SQL). */
export interface LanguageColumns {
  language: SQL | typeof statuses.language;
  versionLanguages: SQL | typeof statuses.versionLanguages;
}

export const STORED_LANGUAGES: LanguageColumns = { language: statuses.language, versionLanguages: statuses.versionLanguages };

/**
 * The status is in one of these languages (a text[]): its own or one it has a version in (Mastodon's
 * chosen_languages; a post of no known language is in none, as there).
 */
export const inLanguagesSql = (status: LanguageColumns, languages: SQL): SQL => sql`(${status.language} = any(${languages}) or ${status.versionLanguages} && ${languages})`;

/** The same, for languages known when the query is made. */
export const inLanguages = (status: LanguageColumns, languages: readonly string[]): SQL => inLanguagesSql(status, sql`${textArray(languages)}::text[]`);
