// Posts written together (group commit, statuses/post-writer) against the real database: posts made
// at the same moment share statements, each lands with its hashtags and its fan-out queued, and a
// post that cannot be written fails alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createIdGenerator } from '../../src/core/ids.ts';
import { createPostStatement, type StatementPost } from '../../src/core/statuses/post-statement.ts';
import type { Status } from '../../src/core/statuses/views.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('post writer', () => {
  let server: TestServer;
  let authorId: string;
  const ids = createIdGenerator();

  before(async () => {
    server = await startServer();
    const made = await server.app.core.accounts.insertUser({ username: 'grouped', email: 'grouped@example.com', password: 'long enough pw', locale: 'en', approved: true, confirmed: true });
    authorId = made.account.id;
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  function post(accountId: string, text: string, tags: string[], links: string[] = []): StatementPost {
    const id = ids();
    const row: Status = {
      id,
      accountId,
      local: true,
      uri: null,
      url: null,
      text,
      contentHtml: `<p>${text}</p>`,
      spoilerText: '',
      sensitive: false,
      visibility: 'public',
      language: 'en',
      versionLanguages: null,
      inReplyToId: null,
      inReplyToAccountId: null,
      reblogOfId: null,
      conversationId: id,
      appId: null,
      repliesCount: 0,
      reblogsCount: 0,
      favouritesCount: 0,
      quotesCount: 0,
      quotePolicy: 'public',
      editedAt: null,
      createdAt: new Date(),
    };
    return { row, tags: tags.map((t) => ({ status_id: id, id: ids(), name: t.toLowerCase(), display_name: t })), links };
  }

  it('writes concurrent posts in shared statements, each with its hashtags and its fan-out queued', async () => {
    const { db, pool } = server.app.database;
    const writer = createPostStatement({ db, jobs: server.app.jobs, outbox: server.app.core.outbox });
    // #grouped exists first: two statements creating the same new tag at once link it in one of
    // them only, and statuses.post completes the other (compose.linkedTags), not the writer.
    await writer.submit(post(authorId, 'the first #grouped', ['grouped']));
    // #fresh is new, and made by many posts of one statement (the first two may go out alone).
    const posts = Array.from({ length: 40 }, (_, i) =>
      post(authorId, `grouped ${i}`, [...(i % 2 ? ['Grouped', `only${i}`] : ['grouped']), ...(i >= 2 ? ['Fresh'] : [])], i % 3 === 0 ? [`https://news.example/${i}`] : []),
    );

    // Counts the statements sent (the pool is the one Drizzle sends them through).
    let statements = 0;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if ((args[0] as { name?: string })?.name === 'post_statuses') statements++;
      return query(...args);
    };
    const results = await Promise.all(posts.map((p) => writer.submit(p))).finally(() => {
      (pool as unknown as { query: unknown }).query = query;
    });
    // Forty at once: the first go out alone while there is room (two statements at a time), the
    // others together.
    assert.ok(statements >= 2 && statements <= 3, `${statements} statements for 40 posts`);

    const ids = posts.map((p) => p.row.id);
    const written = await pool.query(`select id::text from statuses where id = any($1::bigint[])`, [ids]);
    assert.equal(written.rows.length, 40);
    const links = await pool.query(`select count(*)::int as n from status_tags where status_id = any($1::bigint[])`, [ids]);
    assert.equal(links.rows[0].n, 40 + 20 + 38, 'every post linked to #grouped, the odd ones to their own tag too, and #fresh');
    const urls = await pool.query(`select count(*)::int as n from status_links where status_id = any($1::bigint[])`, [ids]);
    assert.equal(urls.rows[0].n, 14, 'every third post records its link');
    for (const [i, r] of results.entries()) {
      assert.deepEqual(r.tags.map((t) => t.name).sort(), posts[i]!.tags.map((t) => t.name).sort(), `the hashtags linked to post ${i}`);
      assert.equal(r.federated, false, 'no follower elsewhere: nothing to deliver');
    }
    // Each was queued for fan-out, which counts it on the author's profile.
    await server.app.jobs.idle();
    const profile = await pool.query(`select statuses_count from account_stats where account_id = $1`, [authorId]);
    assert.equal(profile.rows[0].statuses_count, 41);
  });

  it('fails a post that cannot be written alone: the others of its group land', async () => {
    const { db, pool } = server.app.database;
    const writer = createPostStatement({ db, jobs: server.app.jobs, outbox: server.app.core.outbox });
    const posts = Array.from({ length: 8 }, (_, i) => post(authorId, `with an orphan ${i}`, ['grouped']));
    // An author that does not exist: the foreign key refuses this row, and the statement it shares.
    const orphan = post('1', 'nobody wrote this', ['grouped']);
    posts.splice(5, 0, orphan);
    const results = await Promise.allSettled(posts.map((p) => writer.submit(p)));
    assert.deepEqual(
      results.flatMap((r, i) => (r.status === 'rejected' ? [posts[i]!.row.id] : [])),
      [orphan.row.id],
    );
    const written = await pool.query(`select count(*)::int as n from statuses where id = any($1::bigint[])`, [posts.map((p) => p.row.id)]);
    assert.equal(written.rows[0].n, 8);
  });
});
