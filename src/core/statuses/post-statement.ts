// The statement of the fast post writer (see post-writer): new statuses written by one statement,
// for any number of them: the rows, their fan-out queued (which counts them on their authors'
// profiles), their hashtags and links recorded and, for authors with followers on other servers, their
// delivery queued. Posts that need nothing more (most) share
// statements with the posts written at the same time (group commit, see infra/group-commit): on a
// busy server the statement's round trip, parsing and commit are paid once for many posts.
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { namedStatement, type Db, type DbOrTx } from '../../store/db.ts';
import { statuses } from '../../store/schema/index.ts';
import { createGroupCommit } from '../../infra/group-commit.ts';
import type { Jobs } from '../jobs.ts';
import type { Outbox } from '../outbox.ts';
import { FANOUT_QUEUE } from '../timelines/fanout.ts';
import { tagLinks, TAGS_LINKED, type TagRow } from './compose.ts';
import type { Status } from './views.ts';

/**
 * A row of another table that belongs to the post and is written in its statement (an event's
 * question): every column given, as for the post's own row.
 */
export interface CompanionRow {
  table: PgTable;
  row: Record<string, unknown>;
}

export interface StatementPost {
  /** the row as PostgreSQL will hold it, every column given */
  row: Status;
  tags: TagRow[];
  /** the web addresses it links to */
  links: readonly string[];
  companions?: readonly CompanionRow[] | undefined;
}

export interface WrittenPost {
  /** its delivery to other servers was queued */
  federated: boolean;
  /** the hashtags linked, as (name, display_name) (see compose.linkedTags for the rest) */
  tags: { name: string; display_name: string }[];
}

/** Statements under way at once: fewer leave the cores to the requests. */
const CONCURRENCY = 2;
const MAX_GROUP = 64;

// Rows travel as one JSON document keyed by PostgreSQL's column names.
const COLUMNS = Object.entries(getTableColumns(statuses)).map(([key, column]) => [key as keyof Status, column.name] as const);
const asRecord = (row: Status): Record<string, unknown> => Object.fromEntries(COLUMNS.map(([key, name]) => [name, row[key]]));
/** A companion row keyed by column name; every column must be given (the statement applies no default). */
export function companionColumns(c: CompanionRow): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(getTableColumns(c.table)).map(([key, column]) => {
      if (c.row[key] === undefined) throw new Error(`companion row of ${getTableName(c.table)}: ${key} is not given`);
      return [column.name, c.row[key]];
    }),
  );
}

/** The companions' tables, as the statement names its parameters after them. */
const tablesOf = (posts: readonly StatementPost[]): Map<string, PgTable> =>
  new Map(posts.flatMap((p) => (p.companions ?? []).map((c) => [getTableName(c.table), c.table] as const)).sort(([a], [b]) => a.localeCompare(b)));

/** One statement text per set of companion tables (most posts have none: the plain one). */
function companionInserts(tables: ReadonlyMap<string, PgTable>): SQL {
  const parts = [...tables].map(
    ([name, table]) => sql`, ${sql.identifier(`companion_${name}`)} as (insert into ${table} select * from json_populate_recordset(null::${table}, ${sql.placeholder(`companions_${name}`)}::json))`,
  );
  return sql.join(parts);
}

export function createPostStatement(deps: { db: Db; jobs: Jobs; outbox: Outbox }) {
  const { db, jobs, outbox } = deps;

  const statementFor = (companions: ReadonlyMap<string, PgTable>) =>
    namedStatement<{ id: string; federated: boolean; tags: [string, string][] | null }>(
      ['post_statuses', ...companions.keys()].join('+'),
      sql`
      with inserted as (
        insert into statuses select * from json_populate_recordset(null::statuses, ${sql.placeholder('rows')}::json) returning id, account_id
      ), queued as (${jobs.batches.enqueueQuery(FANOUT_QUEUE, sql`select id from inserted`)}),
      federated as (
        select i.id from inserted i cross join lateral (${outbox.publishQuery(
          outbox.statusCreated(sql`i.id`),
          sql`exists (select 1 from account_stats st where st.account_id = i.account_id and st.remote_followers_count > 0)`,
        )}) as job
      ), ${tagLinks(sql`${sql.placeholder('tags')}::json`)},
      links as (
        insert into status_links (status_id, url) select status_id, url from json_to_recordset(${sql.placeholder('links')}::json) as l(status_id bigint, url text)
        on conflict do nothing
      )${companionInserts(companions)}
      select i.id::text, exists (select 1 from federated f where f.id = i.id) as federated,
        (select json_agg(json_build_array(x.name, x.display_name)) from (${TAGS_LINKED}) x where x.status_id = i.id) as tags
      from inserted i`,
    );
  const statements = new Map<string, ReturnType<typeof statementFor>>();

  async function write(executor: DbOrTx, posts: readonly StatementPost[]): Promise<WrittenPost[]> {
    const tables = tablesOf(posts);
    const key = [...tables.keys()].join('+');
    let statement = statements.get(key);
    if (!statement) statements.set(key, (statement = statementFor(tables)));
    const companions = Object.fromEntries(
      [...tables.keys()].map((name) => [`companions_${name}`, JSON.stringify(posts.flatMap((p) => (p.companions ?? []).filter((c) => getTableName(c.table) === name).map(companionColumns)))]),
    );
    const { rows } = await statement(executor, {
      rows: JSON.stringify(posts.map((p) => asRecord(p.row))),
      tags: JSON.stringify(posts.flatMap((p) => p.tags)),
      links: JSON.stringify(posts.flatMap((p) => p.links.map((url) => ({ status_id: p.row.id, url })))),
      ...companions,
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return posts.map((p) => {
      const r = byId.get(p.row.id);
      if (!r) throw new Error(`status ${p.row.id} was not written`);
      return { federated: r.federated, tags: (r.tags ?? []).map(([name, display_name]) => ({ name, display_name })) };
    });
  }

  const group = createGroupCommit((posts: StatementPost[]) => write(db, posts), { maxGroup: MAX_GROUP, concurrency: CONCURRENCY });

  return {
    /** Writes a post alone, inside the caller's transaction (one with more to write, see post-writer). */
    async inside(tx: DbOrTx, post: StatementPost): Promise<WrittenPost> {
      return (await write(tx, [post]))[0]!;
    },
    /** Writes a post that needs nothing more, with the others being posted at the same time. */
    submit: (post: StatementPost): Promise<WrittenPost> => group.submit(post),
  };
}

export type PostStatement = ReturnType<typeof createPostStatement>;
