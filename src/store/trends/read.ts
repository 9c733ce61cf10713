// Reading the trends the job stored, best first. Cost: trends_rank_idx walked for one kind (a few
// hundred rows at most), each joined by key; under manual review, one probe of trend_approvals each.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import type { TrendDay, TrendKind } from '../schema/index.ts';
import { trendableStatus } from './uses.ts';

export interface TrendPage {
  offset: number;
  limit: number;
  /** only what an administrator approved */
  approvedOnly: boolean;
}

const approved = (kind: TrendKind, page: TrendPage): SQL => (page.approvedOnly ? sql`and exists (select 1 from trend_approvals ta where ta.kind = ${kind} and ta.key = t.key)` : sql``);
const order = (page: TrendPage): SQL => sql`order by t.score desc, t.key desc limit ${page.limit} offset ${page.offset}`;

/** Trending statuses' ids, each still one that may trend (its author may have opted out since). */
export async function trendingStatusIds(db: Db, page: TrendPage): Promise<string[]> {
  const { rows } = await db.execute<{ key: string }>(sql`select t.key from trends t
    join statuses s on s.id = t.key::bigint join accounts a on a.id = s.account_id
    where t.kind = 'status' and ${trendableStatus} ${approved('status', page)} ${order(page)}`);
  return rows.map((r) => r.key);
}

export interface TrendingTag {
  id: string;
  name: string;
  displayName: string;
  history: TrendDay[];
}

export async function trendingTags(db: Db, page: TrendPage): Promise<TrendingTag[]> {
  const { rows } = await db.execute<{ id: string; name: string; display_name: string; history: TrendDay[] }>(sql`
    select tg.id::text as id, tg.name, tg.display_name, t.history from trends t join tags tg on tg.id = t.key::bigint
    where t.kind = 'tag' ${approved('tag', page)} ${order(page)}`);
  return rows.map((r) => ({ id: r.id, name: r.name, displayName: r.display_name, history: r.history }));
}

export interface TrendingLink {
  url: string;
  history: TrendDay[];
}

export async function trendingLinks(db: Db, page: TrendPage): Promise<TrendingLink[]> {
  const { rows } = await db.execute<{ key: string; history: TrendDay[] }>(sql`select t.key, t.history from trends t
    where t.kind = 'link' ${approved('link', page)} ${order(page)}`);
  return rows.map((r) => ({ url: r.key, history: r.history }));
}
