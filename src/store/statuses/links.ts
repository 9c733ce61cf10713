// The links of statuses (status_links) and the statuses linking to one address.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Db } from '../db.ts';
import type { PageOver } from '../relations/related-accounts.ts';
import { statusLinks } from '../schema/index.ts';

/** Records a status's links; `replace` forgets those it had (edits). */
export async function writeLinks(tx: DbOrTx, statusId: string, urls: readonly string[], options: { replace?: boolean } = {}): Promise<void> {
  if (options.replace) await tx.delete(statusLinks).where(eq(statusLinks.statusId, statusId));
  if (urls.length === 0) return;
  await tx
    .insert(statusLinks)
    .values(urls.map((url) => ({ statusId, url })))
    .onConflictDoNothing();
}

/**
 * Public statuses (not reblogs) linking to `url` whose authors opted into discovery, a page of ids
 * newest first. Cost: a walk of status_links_url_idx over this address's entries from the page's
 * end, each checked by key against its status and author, stopping after `limit` that pass.
 */
export async function linkingStatusIds(db: Db, url: string, page: { over: PageOver; limit: number }): Promise<string[]> {
  const p = page.over(statusLinks.statusId);
  const rows = await db
    .select({ id: statusLinks.statusId })
    .from(statusLinks)
    .where(
      and(
        eq(statusLinks.url, url),
        p.where,
        sql`exists (select 1 from statuses s join accounts a on a.id = s.account_id
          where s.id = ${statusLinks.statusId} and s.visibility = 'public' and s.reblog_of_id is null and a.discoverable and a.suspended_at is null)`,
      ),
    )
    .orderBy(p.order)
    .limit(page.limit);
  return rows.map((r) => r.id);
}
