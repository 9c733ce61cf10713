// Builds a realistic social graph straight into PostgreSQL with COPY, showing progress:
// accounts, a power-law follow graph (a few accounts with very many followers), posts, and the
// counts on profiles, and the posts' words for search. Readers (the first accounts) get users and
// tokens so benchmarks can sign in.
// Run: node bench/generate.ts --database-url postgres://… [--accounts 100000] [--follows 10000000]
//        [--posts 2000000] [--celebrity-followers 1000000] [--celebrities 3] [--readers 1000]
//        [--words] (posts of words with natural frequencies, bench/words.ts, instead of "post N")
//        [--indexable] (every account lets its public posts be searched)
// Accounts 0..celebrities-1 are the celebrities; the next --readers accounts can sign in. Accounts
// past --accounts exist only to follow the celebrities (a million followers needs a million
// accounts). Tokens go to bench-tokens.json: celebrities' and readers' (the first reader follows
// every celebrity). The graph replaces whatever the database held: an earlier run's graph is emptied
// first, so generating twice into one database needs no cleaning by hand.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { from as copyFrom } from 'pg-copy-streams';
import { hashSecret } from '../src/core/auth/secrets.ts';
import { openDatabase, runMigrations } from '../src/store/db.ts';
import { texts } from './words.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string', default: './data-bench' },
    accounts: { type: 'string', default: '100000' },
    follows: { type: 'string', default: '10000000' },
    posts: { type: 'string', default: '2000000' },
    celebrities: { type: 'string', default: '3' },
    'celebrity-followers': { type: 'string', default: '1000000' },
    readers: { type: 'string', default: '1000' },
    out: { type: 'string', default: 'bench-tokens.json' },
    words: { type: 'boolean', default: false },
    indexable: { type: 'boolean', default: false },
  },
});
const ACCOUNTS = Number(values.accounts);
const FOLLOWS = Number(values.follows);
const POSTS = Number(values.posts);
const CELEBRITIES = Number(values.celebrities);
const CELEBRITY_FOLLOWERS = Number(values['celebrity-followers']);
const READERS = Math.min(Number(values.readers), ACCOUNTS - Number(values.celebrities));
const TOTAL_ACCOUNTS = Math.max(ACCOUNTS, CELEBRITY_FOLLOWERS + CELEBRITIES);

/** One bar per phase; in a log (no terminal) it prints a line every couple of seconds instead. */
function bar(phase: string, total: number) {
  const b = new cliProgress.SingleBar(
    { format: `${phase.padEnd(9)} |{bar}| {percentage}% {value}/{total} rows, {eta_formatted} left`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  b.start(total, 0);
  return b;
}

const database = await openDatabase({ databaseUrl: values['database-url'], dataDir: path.resolve(values['data-dir']) });
await runMigrations(database);
const pool = database.pool;
await emptyTables();
const epoch = Date.now() - 30 * 86_400_000;
// Ids as Parley makes them: milliseconds in the high bits, so they sort by time.
const accountId = (i: number) => ((BigInt(epoch) << 16n) + BigInt(i)).toString();
const postId = (i: number, ms: number) => ((BigInt(ms) << 16n) + BigInt(i % 65536)).toString();

async function copy(table: string, columns: string, total: number, phase: string, row: (i: number) => string | null): Promise<void> {
  const progress = bar(phase, total);
  const client = await pool.connect();
  try {
    const batch = 10_000;
    let i = 0;
    const source = Readable.from(
      (function* () {
        while (i < total) {
          const lines: string[] = [];
          const end = Math.min(total, i + batch);
          for (; i < end; i++) {
            const line = row(i);
            if (line !== null) lines.push(line);
          }
          progress.update(i);
          yield lines.join('');
        }
      })(),
    );
    await pipeline(source, client.query(copyFrom(`copy ${table} (${columns}) from stdin`)));
    progress.update(total);
    progress.stop();
  } finally {
    client.release();
  }
}

/** Empties Parley's tables (all at once, so no foreign key stands in the way) if an earlier run filled them. */
async function emptyTables(): Promise<void> {
  if ((await pool.query('select exists (select from accounts) as filled')).rows[0].filled !== true) return;
  const { rows } = await pool.query(`select string_agg(format('%I.%I', schemaname, tablename), ', ') as tables from pg_tables where schemaname = 'public'`);
  console.error('emptying the tables an earlier run filled…');
  await pool.query(`truncate ${rows[0].tables as string}`);
}

/** Power law: target r (0-based) gets followers ∝ 1/(r+1)^0.9, scaled so the total is FOLLOWS. */
function followerCounts(): number[] {
  const weights = Array.from({ length: ACCOUNTS }, (_, r) => 1 / (r + 1) ** 0.9);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.min(ACCOUNTS - 1, Math.round((w / sum) * FOLLOWS)));
}

const started = performance.now();
await pool.query('alter table follows set (autovacuum_enabled = false)');
const indexable = values.indexable ? 't' : 'f';
await copy('accounts', 'id, username, indexable', TOTAL_ACCOUNTS, 'accounts', (i) => `${accountId(i)}\tuser${i}\t${indexable}\n`);
const settings = JSON.stringify({ defaultVisibility: 'public', defaultSensitive: false, defaultLanguage: null, expandMedia: 'default', expandSpoilers: false });
// Celebrities and readers, accounts 0 .. CELEBRITIES + READERS - 1, can sign in.
const SIGNED = CELEBRITIES + READERS;
await copy('users', 'id, account_id, email, password_hash, settings', SIGNED, 'users', (i) => `${accountId(i)}\t${accountId(i)}\tuser${i}@bench.example\tscrypt$1$1$1$x$x\t${settings}\n`);
const app = await pool.query(
  `insert into oauth_apps (id, name, redirect_uris, scopes, client_id, client_secret) values ($1, 'bench', '{urn:ietf:wg:oauth:2.0:oob}', '{read,write,follow}', $2, 'secret') returning id`,
  [accountId(TOTAL_ACCOUNTS + 1), `bench-${Date.now()}`],
);
const tokens = Array.from({ length: SIGNED }, (_, i) => `bench-${i}-${Math.random().toString(36).slice(2)}`);
await copy('oauth_tokens', 'id, token_hash, app_id, user_id, scopes', SIGNED, 'tokens', (i) => `${accountId(i)}\t${hashSecret(tokens[i]!)}\t${app.rows[0].id}\t${accountId(i)}\t{read,write,follow}\n`);

// Follows: the power-law graph among the first ACCOUNTS accounts (target r gets counts[r] distinct
// followers), plus every extra account following each celebrity.
const counts = followerCounts();
const starts: number[] = [];
let running = 0;
for (const c of counts) {
  starts.push(running);
  running += c;
}
const graphFollows = running;
let target = 0;
const extra = TOTAL_ACCOUNTS - ACCOUNTS;
await copy('follows', 'id, account_id, target_account_id', graphFollows + extra * CELEBRITIES, 'follows', (i) => {
  if (i < graphFollows) {
    while (target + 1 < counts.length && starts[target + 1]! <= i) target++;
    const k = i - starts[target]!;
    // Distinct followers for one target: a prime-stride walk over the other ACCOUNTS - 1 accounts.
    const slot = (target * 7919 + k * 104_729) % (ACCOUNTS - 1);
    const follower = slot >= target ? slot + 1 : slot;
    return `${(BigInt(epoch + 1) << 16n) + BigInt(i)}\t${accountId(follower)}\t${accountId(target)}\n`;
  }
  const j = i - graphFollows;
  const follower = ACCOUNTS + (j % extra);
  const celebrity = Math.floor(j / extra);
  return `${(BigInt(epoch + 1) << 16n) + BigInt(i)}\t${accountId(follower)}\t${accountId(celebrity)}\n`;
});
// The first reader follows every celebrity (it is their follower in the benchmarks).
await pool.query(
  `insert into follows (id, account_id, target_account_id)
   select (($1::bigint + 86400000) << 16) + g, $2, ($1::bigint << 16) + g from generate_series(0, $3 - 1) g on conflict do nothing`,
  [epoch, accountId(CELEBRITIES), CELEBRITIES],
);

// Posts: authors by the same power law (popular accounts post more), spread over 30 days.
const nextText = values.words ? texts() : undefined;
await copy('statuses', 'id, account_id, text, content_html, visibility, conversation_id, created_at', POSTS, 'posts', (i) => {
  const ms = epoch + Math.floor((i / POSTS) * 30 * 86_400_000);
  const author = Math.min(ACCOUNTS - 1, Math.floor(Math.random() ** 3 * ACCOUNTS));
  const id = postId(i, ms);
  const text = nextText ? nextText() : `post ${i}`;
  return `${id}\t${accountId(author)}\t${text}\t<p>${text}</p>\tpublic\t${id}\t${new Date(ms).toISOString()}\n`;
});

// The posts' words for search, as fan-out's batch writes them for posts made through the API; the
// index is built after them (far faster than row by row).
const searchStarted = performance.now();
const { rows: searchIndex } = await pool.query(`select pg_get_indexdef('status_search_idx'::regclass) as sql`);
await pool.query('drop index status_search_idx');
await pool.query(`insert into status_search (status_id, vector) select id, parley_search_vector(spoiler_text, text, content_html) from statuses where reblog_of_id is null`);
await pool.query(searchIndex[0].sql);
console.error(`search words written and indexed in ${((performance.now() - searchStarted) / 1000).toFixed(0)} s`);

const statsBar = bar('counts', 3);
await pool.query(`insert into account_stats (account_id, followers_count) select target_account_id, count(*) from follows group by 1
                  on conflict (account_id) do update set followers_count = excluded.followers_count`);
statsBar.update(1);
await pool.query(`insert into account_stats (account_id, following_count) select account_id, count(*) from follows group by 1
                  on conflict (account_id) do update set following_count = excluded.following_count`);
statsBar.update(2);
await pool.query(`insert into account_stats (account_id, statuses_count, last_status_at) select account_id, count(*), max(created_at) from statuses group by 1
                  on conflict (account_id) do update set statuses_count = excluded.statuses_count, last_status_at = excluded.last_status_at`);
await pool.query('alter table follows reset (autovacuum_enabled)');
await pool.query('analyze');
statsBar.update(3);
statsBar.stop();

fs.writeFileSync(
  values.out,
  JSON.stringify(
    {
      celebrities: Array.from({ length: CELEBRITIES }, (_, i) => ({ id: accountId(i), token: tokens[i] })),
      readers: Array.from({ length: READERS }, (_, j) => ({ id: accountId(CELEBRITIES + j), token: tokens[CELEBRITIES + j] })),
    },
    null,
    2,
  ),
);
console.log(
  `generated ${TOTAL_ACCOUNTS} accounts (${SIGNED} can sign in), ${graphFollows + extra * CELEBRITIES + CELEBRITIES} follows, ${POSTS} posts in ${((performance.now() - started) / 1000).toFixed(1)} s; tokens in ${values.out}`,
);
await database.close();
