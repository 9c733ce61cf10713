// The grouped vote writer (the one Parley runs) against the plain one, its reference: the same
// votes, given all at once and with repeats, leave the same counts and rows and get the same
// answers (a count, or null for a repeat).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGroupedVoteWriter, createPlainVoteWriter, type VoteWriter } from '../../src/core/events/vote-writer.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('vote writers', () => {
  let server: TestServer;
  let voters: string[];
  const questions: string[] = [];

  before(async () => {
    server = await startServer({}, { worker: false });
    const host = await signUp(server.url, 'votehost');
    const asker = await signUp(server.url, 'voteasker');
    const post = (path: string, token: string, json: Record<string, unknown> = {}) => call(server.url, `/api/parley/v1${path}`, { method: 'POST', token, json });
    const event = await post('/events', host.token, {
      kind: 'qa',
      title: 'Votes',
      starts_at: new Date(Date.now() - 60_000).toISOString(),
      ends_at: new Date(Date.now() + 3600_000).toISOString(),
      hashtag: 'Votes',
      premoderated: false,
    });
    assert.equal(event.status, 200, JSON.stringify(event.body));
    for (let i = 0; i < 4; i++) {
      const asked = await post(`/events/${event.body.id}/questions`, asker.token, { text: `Question ${i}?` });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      questions.push(asked.body.id);
    }
    // Voters need only to exist as accounts.
    const { rows } = await server.app.database.pool.query(`insert into accounts (id, username) select 9000000000 + n, 'voter' || n from generate_series(1, 40) as n returning id::text`);
    voters = rows.map((r) => r.id as string);
  });
  after(async () => {
    await server.stop();
  });

  /** Every voter votes for the first question, the first ten twice at once, and half of them for the second too. */
  async function burst(writer: VoteWriter, first: string, second: string) {
    const votes = [...voters.map((v) => [first, v]), ...voters.slice(0, 10).map((v) => [first, v]), ...voters.slice(0, 20).map((v) => [second, v])] as [string, string][];
    const answers = await Promise.all(votes.map(([q, v]) => writer.add(q, v)));
    const again = await writer.add(first, voters[0]!);
    const { rows } = await server.app.database.pool.query(
      `select q.id::text, q.votes_count, (select count(*)::int from event_votes v where v.question_id = q.id) as rows from event_questions q where q.id = any($1::bigint[]) order by q.id`,
      [[first, second]],
    );
    return {
      repeats: answers.filter((a) => a === null).length,
      highest: [Math.max(...answers.slice(0, 50).map((a) => a ?? 0)), Math.max(...answers.slice(50).map((a) => a ?? 0))],
      again,
      stored: rows.map((r) => [r.votes_count, r.rows]),
    };
  }

  it('agree on counts, rows and answers', async () => {
    const plain = await burst(createPlainVoteWriter(server.app.database.db), questions[0]!, questions[1]!);
    const grouped = await burst(createGroupedVoteWriter(server.app.database.db), questions[2]!, questions[3]!);
    assert.deepEqual(plain, {
      repeats: 10,
      highest: [40, 20],
      again: null,
      stored: [
        [40, 40],
        [20, 20],
      ],
    });
    assert.deepEqual(grouped, plain);
  });
});
