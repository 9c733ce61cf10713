// The fast post writer (the one Parley runs) against the plain one, its reference: for each kind of
// post, both leave the same rows behind. And a field of a new post that the fast path does not
// know fails loudly rather than being skipped by it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Account } from '../../src/core/accounts/service.ts';
import { createIdGenerator } from '../../src/core/ids.ts';
import { createComposer } from '../../src/core/statuses/compose.ts';
import { POST_INPUT_CARRIED_BY, type PostInput } from '../../src/core/statuses/post.ts';
import { createFastPostWriter, createPlainPostWriter, FAST_PATH_FIELDS, shareable, type NewPost, type PostWriter } from '../../src/core/statuses/post-writer.ts';
import type { Status } from '../../src/core/statuses/views.ts';
import type { MediaRow } from '../../src/store/schema/media.ts';
import { statusLinks } from '../../src/store/schema/statuses.ts';
import { remoteAccountInput } from '../helpers/remote-account.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

interface Case {
  name: string;
  author?: () => Account;
  row?: Partial<Status>;
  tagNames?: string[];
  links?: string[];
  mentioned?: () => Account[];
  parent?: () => Status;
  key?: boolean;
  /** this many processed uploads of the author's are attached */
  media?: number;
  poll?: boolean;
  /** versions in other languages (see core/statuses/versions) */
  versions?: boolean;
  /** made from a scheduled post (which goes in the same commit) */
  scheduled?: boolean;
  /** the caller gives a row of another table to write with the post (an event's question does) */
  companion?: boolean;
}

describe('post writers', () => {
  let server: TestServer;
  let fast: PostWriter;
  let plain: PostWriter;
  let author: Account;
  let friend: Account;
  let far: Account;
  let widelyFollowed: Account;
  let localParent: Status;
  let remoteParent: Status;
  const ids = createIdGenerator();

  before(async () => {
    // No background jobs: what the writers queue stays in the queues to be compared.
    server = await startServer({}, { worker: false });
    const { core, database, jobs } = server.app;
    const user = (username: string) => core.accounts.insertUser({ username, email: `${username}@example.com`, password: 'long enough pw', locale: 'en', approved: true, confirmed: true });
    author = (await user('writer')).account;
    friend = (await user('friend')).account;
    widelyFollowed = (await user('known')).account;
    await database.pool.query(`insert into account_stats (account_id, remote_followers_count) values ($1, 1) on conflict (account_id) do update set remote_followers_count = 1`, [widelyFollowed.id]);
    far = await core.remoteAccounts.upsert(remoteAccountInput('faraway', 'far.example'));
    const deps = {
      db: database.db,
      jobs,
      outbox: core.outbox,
      notifications: core.notifications,
      composer: createComposer({ db: database.db, ids, config: { origin: 'http://parley.test', domain: 'parley.test', maxChars: 500 } }),
    };
    fast = createFastPostWriter(deps);
    plain = createPlainPostWriter(deps);
    localParent = await written(plain, newPost({ author: () => friend, name: 'parent' }, 'parent'));
    remoteParent = await written(plain, newPost({ author: () => far, name: 'remote parent', row: { local: false, uri: 'https://far.example/notes/1' } }, 'parent'));
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  async function written(writer: PostWriter, post: NewPost): Promise<Status> {
    await writer.write(post);
    return post.row;
  }

  function newPost(c: Case, which: string): NewPost {
    const id = ids();
    const parent = c.parent?.();
    const row: Status = {
      id,
      accountId: (c.author?.() ?? author).id,
      local: true,
      uri: null,
      url: null,
      text: c.name,
      contentHtml: `<p>${c.name}</p>`,
      spoilerText: '',
      sensitive: false,
      visibility: 'public',
      language: 'en',
      versionLanguages: c.versions ? ['th'] : null,
      inReplyToId: parent?.id ?? null,
      inReplyToAccountId: parent?.accountId ?? null,
      reblogOfId: null,
      conversationId: parent?.conversationId ?? id,
      appId: null,
      repliesCount: 0,
      reblogsCount: 0,
      favouritesCount: 0,
      quotesCount: 0,
      quotePolicy: 'public',
      editedAt: null,
      createdAt: new Date(),
      ...c.row,
    };
    return {
      row,
      tagNames: c.tagNames ?? [],
      links: c.links ?? [],
      mentioned: c.mentioned?.() ?? [],
      parent,
      idempotencyKey: c.key ? `${c.name}-${which}` : undefined,
      media: [],
      poll: c.poll ? pollOf() : undefined,
      quote: undefined,
      scheduledId: undefined,
      versions: c.versions ? [{ language: 'th', text: 'ภาษาไทย', contentHtml: '<p>ภาษาไทย</p>', spoilerText: 'คำเตือน' }] : undefined,
      companions: c.companion ? [{ table: statusLinks, row: { statusId: id, url: 'https://companion.example/' } }] : undefined,
    };
  }

  function pollOf(): NewPost['poll'] {
    return { id: ids(), options: ['tea', 'coffee'], multiple: true, hideTotals: false, expiresAt: new Date(Date.now() + 3_600_000) };
  }

  /** Processed uploads of the post's author, made as the media job leaves them. */
  async function uploads(post: NewPost, count: number): Promise<NewPost> {
    const media: MediaRow[] = [];
    for (let i = 0; i < count; i++) {
      const { rows } = await server.app.database.pool.query(
        `insert into media_attachments (id, account_id, type, state, file_key, content_type, description) values ($1, $2, 'image', 'ready', $3, 'image/jpeg', $4) returning id::text`,
        [ids(), post.row.accountId, `${'ab'}/${'cd'}/${String(i).padStart(64, '0')}.jpg`, `picture ${i}`],
      );
      media.push((await server.app.database.db.query.mediaAttachments.findFirst({ where: (m, { eq }) => eq(m.id, rows[0].id) }))!);
    }
    return { ...post, media };
  }

  /** A scheduled post for the post to make. */
  async function scheduledFor(post: NewPost): Promise<NewPost> {
    const scheduledId = ids();
    await server.app.database.pool.query(`insert into scheduled_statuses (id, account_id, scheduled_at, params) values ($1, $2, now(), $3)`, [
      scheduledId,
      post.row.accountId,
      JSON.stringify({ text: post.row.text, visibility: 'public', mediaIds: [] }),
    ]);
    return { ...post, scheduledId };
  }

  const scheduledLeft = async (post: NewPost) =>
    post.scheduledId ? (await server.app.database.pool.query(`select count(*)::int as n from scheduled_statuses where id = $1`, [post.scheduledId])).rows[0].n : null;

  /** What a post left in the database, without what differs by nature between two posts (ids, times). */
  async function rowsOf(id: string): Promise<Record<string, unknown>> {
    const q = async (text: string) => (await server.app.database.pool.query(text, [id])).rows;
    const [status] = await q(`select *, conversation_id = id as own_conversation from statuses where id = $1`);
    delete status.id;
    delete status.created_at;
    if (status.own_conversation) delete status.conversation_id;
    return {
      status,
      tags: await q(`select t.name, t.display_name from status_tags st join tags t on t.id = st.tag_id where st.status_id = $1 order by t.name`),
      mentions: await q(`select account_id::text from status_mentions where status_id = $1 order by 1`),
      links: await q(`select url from status_links where status_id = $1 order by 1`),
      poll: await q(`select options, tallies, votes_count, voters_count, multiple, hide_totals, closed_at from polls where status_id = $1`),
      pollJobs: await q(
        `select t.identifier from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id join polls p on p.id::text = j.payload->>'pollId' where p.status_id = $1`,
      ),
      versions: await q(`select language, text, content_html, spoiler_text from status_versions where status_id = $1 order by language`),
      media: await q(`select position, description, attached_at is not null as attached from media_attachments where status_id = $1 order by position`),
      notifications: await q(`select type, account_id::text, from_account_id::text from notifications where status_id = $1 order by 1, 2`),
      key: await q(`select account_id::text, regexp_replace(key, '-(fast|plain)$', '') as key from idempotency_keys where status_id = $1`),
      queued: await q(`select queue from job_batches where id = $1`),
      jobs: await q(
        `select t.identifier, j.payload::jsonb - 'statusId' as payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where j.payload->>'statusId' = $1::text order by 1`,
      ),
    };
  }

  async function repliesCount(id: string): Promise<number> {
    return (await server.app.database.pool.query(`select replies_count from statuses where id = $1`, [id])).rows[0].replies_count;
  }

  const cases: Case[] = [
    { name: 'a plain post' },
    { name: 'hashtags #Cats and #dogs', tagNames: ['Cats', 'dogs'] },
    { name: 'one hashtag twice #Tea #tea', tagNames: ['Tea', 'tea'] },
    { name: 'links https://news.example/a and https://other.example/b?x=1', links: ['https://news.example/a', 'https://other.example/b?x=1'] },
    { name: 'no language', row: { language: null } },
    { name: 'in French', row: { language: 'fr' } },
    { name: 'unlisted', row: { visibility: 'unlisted' } },
    { name: 'followers only', row: { visibility: 'private' } },
    { name: 'direct', row: { visibility: 'direct' }, mentioned: () => [friend] },
    { name: 'behind a content warning', row: { spoilerText: 'spoilers', sensitive: true } },
    { name: 'sensitive without a warning', row: { sensitive: true } },
    { name: 'a reply', parent: () => localParent },
    { name: 'a reply with a row of another table written with it', parent: () => localParent, companion: true },
    { name: 'a reply to a remote post', parent: () => remoteParent },
    { name: 'mentions a local account', mentioned: () => [friend] },
    { name: 'mentions a remote account', mentioned: () => [far] },
    { name: 'with an idempotency key', key: true },
    { name: 'with two attachments', media: 2 },
    { name: 'with a poll', poll: true },
    { name: 'with a version in another language', versions: true },
    { name: 'made from a scheduled post', scheduled: true },
    { name: 'by an author with remote followers #fediverse', author: () => widelyFollowed, tagNames: ['fediverse'] },
    { name: 'remote followers and a remote mention: delivered once', author: () => widelyFollowed, mentioned: () => [far] },
    {
      name: 'all at once #Everything https://news.example/all',
      tagNames: ['Everything'],
      links: ['https://news.example/all'],
      parent: () => remoteParent,
      mentioned: () => [friend, far],
      key: true,
      row: { visibility: 'unlisted', spoilerText: 'cw', sensitive: true, language: 'de' },
    },
  ];

  for (const c of cases) {
    it(`agree on ${c.name}`, async () => {
      const results: { rows: Record<string, unknown>; tags: unknown; replies: number }[] = [];
      for (const [which, writer] of [
        ['fast', fast],
        ['plain', plain],
      ] as const) {
        const made = c.media ? await uploads(newPost(c, which), c.media) : newPost(c, which);
        const post = c.scheduled ? await scheduledFor(made) : made;
        const before = post.parent ? await repliesCount(post.parent.id) : 0;
        const tags = await writer.write(post);
        results.push({
          rows: { ...(await rowsOf(post.row.id)), scheduledLeft: await scheduledLeft(post) },
          tags: [...tags].sort((a, b) => a.name.localeCompare(b.name)),
          replies: post.parent ? (await repliesCount(post.parent.id)) - before : 0,
        });
      }
      assert.deepEqual(results[0], results[1], JSON.stringify(results));
      // Both wrote what the case asked for (so agreeing is not agreeing on nothing).
      const [mine] = results;
      assert.equal((mine!.rows.status as { text: string }).text, c.name);
      assert.deepEqual((mine!.rows.queued as unknown[]).length, 1, 'fan-out queued');
      // A reply is counted on its parent by fan-out's batch (see timelines/fanout-count), not by either writer.
      assert.equal(mine!.replies, 0);
      assert.equal((mine!.rows.key as unknown[]).length, c.key ? 1 : 0);
      assert.equal((mine!.rows.links as unknown[]).length, (c.links?.length ?? 0) + (c.companion ? 1 : 0));
      assert.equal((mine!.rows.poll as unknown[]).length, c.poll ? 1 : 0);
      assert.equal(mine!.rows.scheduledLeft, c.scheduled ? 0 : null, 'the scheduled post it made is gone with it');
      assert.deepEqual(mine!.rows.pollJobs, c.poll ? [{ identifier: 'poll.expire' }] : []);
      // What the writer answers (shown by the POST, and sent to other servers) is spelt as stored.
      const stored = (mine!.rows.tags as { name: string; display_name: string }[]).map((t) => ({ name: t.name, displayName: t.display_name }));
      assert.deepEqual(mine!.tags, stored);
    });
  }

  it('writes nothing for a scheduled post made or cancelled already', async () => {
    for (const writer of [fast, plain]) {
      const post = { ...newPost({ name: 'too late' }, 'fast'), scheduledId: ids() };
      await assert.rejects(writer.write(post), /The scheduled post is gone/);
      const left = await server.app.database.pool.query(`select 1 from statuses where id = $1`, [post.row.id]);
      assert.equal(left.rows.length, 0);
    }
  });

  it('sends a post on the fast path only when it has no field routed to a transaction of its own', () => {
    const post = newPost({ name: 'routing' }, 'fast');
    assert.equal(shareable(post), true);
    assert.equal(shareable({ ...post, mentioned: [friend] }), false);
    assert.equal(shareable({ ...post, parent: localParent }), true, 'a reply to a local post (counted on it by fan-out)');
    assert.equal(shareable({ ...post, parent: remoteParent }), false, 'a reply to a remote post (delivered to its server too)');
    assert.equal(shareable({ ...post, idempotencyKey: 'k' }), false);
    assert.equal(shareable({ ...post, poll: pollOf() }), false);
    assert.equal(shareable({ ...post, scheduledId: '1' }), false);
    assert.equal(shareable({ ...post, companions: [{ table: statusLinks, row: { statusId: post.row.id, url: 'https://companion.example/' } }] }), true);
    assert.equal(shareable({ ...post, tagNames: ['tag'] }), true);
  });

  it('writes companion rows with the posts sharing their statement', async () => {
    // Submitted in one tick: the first statements go out alone, the rest wait and go out together
    // (group commit), companions of alternate posts in the same statement.
    const posts = Array.from({ length: 10 }, (_, i) => newPost({ name: `shared ${i}`, companion: i % 2 === 1 }, 'fast'));
    await Promise.all(posts.map((p) => fast.write(p)));
    const { rows } = await server.app.database.pool.query(`select status_id::text from status_links where status_id = any($1::bigint[]) order by 1`, [posts.map((p) => p.row.id)]);
    assert.deepEqual(
      rows.map((r) => r.status_id),
      posts
        .filter((_, i) => i % 2 === 1)
        .map((p) => p.row.id)
        .sort(),
    );
    const written = await server.app.database.pool.query(`select count(*)::int as n from statuses where id = any($1::bigint[])`, [posts.map((p) => p.row.id)]);
    assert.equal(written.rows[0].n, 10);
  });

  it('refuses a companion row missing a column, on both writers, writing nothing', async () => {
    for (const [which, writer] of [
      ['fast', fast],
      ['plain', plain],
    ] as const) {
      const post = { ...newPost({ name: `half a companion ${which}` }, which), companions: [{ table: statusLinks, row: { statusId: ids() } }] };
      await assert.rejects(writer.write(post), /url is not given/);
      const left = await server.app.database.pool.query(`select 1 from statuses where id = $1`, [post.row.id]);
      assert.equal(left.rows.length, 0, `${which}: nothing written`);
    }
  });

  it('fails loudly on a field of a new post, or of the post input, that the fast path does not route', async () => {
    // Every field of a new post (as one is built) is routed, and nothing else is.
    const post = newPost({ name: 'fields' }, 'fast');
    assert.deepEqual(Object.keys(post).sort(), Object.keys(FAST_PATH_FIELDS).sort());
    // Every field of the input (the table fails to compile when PostInput has one more) is carried
    // by a routed field of the new post.
    const inputKeys = Object.keys(POST_INPUT_CARRIED_BY) as (keyof PostInput)[];
    assert.ok(inputKeys.includes('text') && inputKeys.includes('idempotencyKey'));
    for (const key of inputKeys) assert.ok(POST_INPUT_CARRIED_BY[key] in FAST_PATH_FIELDS, `PostInput.${key} is carried by a routed field`);
    // A field added to NewPost without a route is refused, on the fast path too.
    const withQuote = { ...post, location: { id: '1' } } as NewPost;
    assert.throws(() => shareable(withQuote), /NewPost\.location is not in FAST_PATH_FIELDS/);
    await assert.rejects(fast.write(withQuote), /NewPost\.location is not in FAST_PATH_FIELDS/);
    const left = await server.app.database.pool.query(`select 1 from statuses where id = $1`, [withQuote.row.id]);
    assert.equal(left.rows.length, 0, 'nothing written');
  });
});
