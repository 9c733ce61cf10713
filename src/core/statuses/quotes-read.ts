// The quotes of a status, for its author alone (Mastodon's GET /api/v1/statuses/:id/quotes), or
// those waiting for the author's answer under Parley's manual policy.
import type { Db } from '../../store/db.ts';
import { acceptedQuotesOf } from '../../store/statuses/quotes.ts';
import type { Account } from '../accounts/service.ts';
import { paged, readPage, type Page, type Paged } from '../pagination.ts';
import type { StatusAccess } from './access.ts';
import type { StatusView, StatusViews } from './views.ts';

export function createQuotesRead(deps: { db: Db; access: StatusAccess; views: StatusViews }) {
  const { db, access, views } = deps;

  return async function quotesOf(author: Account, id: string, page: Page, state: 'accepted' | 'pending' = 'accepted'): Promise<Paged<StatusView>> {
    const quoted = await access.own(author, id);
    const rows = await readPage(page, (window) => acceptedQuotesOf(db, quoted.id, window, page.limit, state));
    const byId = new Map(
      (
        await views.hydrate(
          author.id,
          rows.map((r) => r.statusId),
        )
      ).map((v) => [v.status.id, v]),
    );
    // The cursors are the quotes' own ids, whichever quoting statuses the author may see.
    const result = paged(rows, (r) => r.cursor);
    return { items: rows.flatMap((r) => (byId.has(r.statusId) ? [byId.get(r.statusId)!] : [])), cursors: result.cursors };
  };
}
