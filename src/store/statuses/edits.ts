// The versions of edited statuses (status_edits), oldest first.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { statusEdits } from '../schema/index.ts';

export type StatusEdit = typeof statusEdits.$inferSelect;

export async function hasEdits(tx: DbOrTx, statusId: string): Promise<boolean> {
  return (await tx.query.statusEdits.findFirst({ where: eq(statusEdits.statusId, statusId), columns: { id: true } })) !== undefined;
}

export async function insertEdit(tx: DbOrTx, edit: typeof statusEdits.$inferInsert): Promise<void> {
  await tx.insert(statusEdits).values(edit);
}

export function editsOf(db: DbOrTx, statusId: string): Promise<StatusEdit[]> {
  return db.select().from(statusEdits).where(eq(statusEdits.statusId, statusId)).orderBy(asc(statusEdits.id));
}
