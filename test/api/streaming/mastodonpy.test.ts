// Server-sent events as Mastodon.py reads them: a blank line ends an event, and an event must have
// a name and data, or Mastodon.py gives up on the stream. Comments (the greeting, heartbeats) are
// therefore single lines, as Mastodon's own streaming server writes them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../../helpers/http.ts';
import { mastodonPyMissing, startMastodonPy } from '../../helpers/mastodonpy.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { channel, listening, rawSse } from '../../helpers/streaming.ts';
import { eventually } from '../../helpers/wait.ts';

interface Line {
  event: string;
  id?: string | number;
  content?: string;
}

/** The events of a server-sent-events text, read as Mastodon.py reads it: fails on a blank line that ends no event. */
function eventsOf(text: string): { event: string; data: string }[] {
  const events: { event: string; data: string }[] = [];
  let fields: Record<string, string> = {};
  const lines = text.split('\n');
  lines.pop(); // what follows the last newline is not a line yet
  for (const line of lines) {
    if (line.startsWith(':')) continue;
    if (line !== '') {
      const at = line.indexOf(': ');
      assert.ok(at > 0, `a field line: ${JSON.stringify(line)}`);
      fields[line.slice(0, at)] = line.slice(at + 2);
      continue;
    }
    assert.ok(fields.event !== undefined && fields.data !== undefined, `a blank line ends no event in ${JSON.stringify(text)}`);
    events.push({ event: fields.event, data: fields.data });
    fields = {};
  }
  return events;
}

describe('server-sent events read as Mastodon.py reads them', () => {
  let server: TestServer;
  let author: Awaited<ReturnType<typeof signUp>>;
  let follower: Awaited<ReturnType<typeof signUp>>;
  let authorId: string;

  before(async () => {
    // Heartbeats every 200 ms, so that several come while the tests run.
    server = await startServer({ PARLEY_STREAMING_HEARTBEAT_MS: '200' });
    [author, follower] = [await signUp(server.url, 'author'), await signUp(server.url, 'reader')];
    authorId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: author.token })).body.id;
    await call(server.url, `/api/v1/accounts/${authorId}/follow`, { method: 'POST', token: follower.token });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('frames comments as single lines and every event with its name and data', async () => {
    const sse = await rawSse(server.url, '/api/v1/streaming/user', follower.token);
    await listening(server.app.bus, channel.author(authorId), (probe) => sse.text().includes(`data: ${probe}\n`));
    const posted = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'framed' } });
    await eventually(async () => sse.text().includes(posted.body.id) && sse.text().split(':thump\n').length > 2, 10_000, 'the post and two heartbeats');
    await sse.close();
    assert.ok(sse.text().startsWith(':)\n') && !sse.text().startsWith(':)\n\n'), 'the greeting is one line');
    assert.doesNotMatch(sse.text(), /:thump\n\n/);
    const update = eventsOf(sse.text()).find((e) => e.event === 'update');
    assert.equal(JSON.parse(update!.data).id, posted.body.id);
  });

  it("keeps Mastodon.py's stream_user open through heartbeats and hands it each post and edit", { skip: mastodonPyMissing }, async () => {
    const py = startMastodonPy<Line>('stream', ['3'], { url: server.url, token: follower.token });
    try {
      await py.next((l) => l.event === 'heartbeat');
      await listening(server.app.bus, channel.author(authorId), (probe) => {
        if (py.child.exitCode !== null) throw new Error(`Mastodon.py left the stream: ${JSON.stringify(py.lines)}`);
        return py.lines.some((l) => l.event === 'delete' && String(l.id) === probe);
      });
      // Two more comments after the greeting: heartbeats in the middle of a stream are read too.
      const seen = py.lines.filter((l) => l.event === 'heartbeat').length;
      await py.next(() => py.lines.filter((l) => l.event === 'heartbeat').length >= seen + 2);
      const post = async (status: string) => (await call(server.url, '/api/v1/statuses', { token: author.token, json: { status } })).body.id as string;
      // Each step once the last has been heard: a post and an edit reach the stream by different ways.
      const heard = (event: string, id: string) => py.next((l) => l.event === event && String(l.id) === id);
      const first = await post('one');
      const second = await post('two');
      await heard('update', second);
      const edit = await call(server.url, `/api/v1/statuses/${first}`, { method: 'PUT', token: author.token, json: { status: 'one, edited' } });
      assert.equal(edit.status, 200);
      await heard('status.update', first);
      const third = await post('three');
      assert.equal(await py.exit, 0, JSON.stringify(py.lines));
      const events = py.lines.filter((l) => l.event === 'update' || l.event === 'status.update').map((l) => [l.event, String(l.id)]);
      assert.deepEqual(events, [
        ['update', first],
        ['update', second],
        ['status.update', first],
        ['update', third],
      ]);
      assert.match(py.lines.find((l) => l.event === 'status.update')!.content!, /one, edited/);
    } finally {
      py.child.kill();
    }
  });
});
