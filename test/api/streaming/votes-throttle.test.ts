// The throttle of vote counts on crowded channels against no throttle (its reference): screens end
// with the same counts, from fewer messages; other messages, and channels with few listeners, pass
// as they come.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVotesThrottle } from '../../../src/api/streaming/votes-throttle.ts';

const votes = (counts: Record<string, number>, version: number) => JSON.stringify({ event: 'event.votes', id: '7', counts, version });
const question = JSON.stringify({ event: 'event.question', id: '11', version: 1 });

/** The counts a screen shows after hearing these messages. */
function shown(messages: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const raw of messages) {
    const m = JSON.parse(raw) as { event: string; counts?: Record<string, number> };
    if (m.event === 'event.votes') Object.assign(counts, m.counts);
  }
  return counts;
}

/** Many count messages on one channel, each question's count rising, with a question message among them. */
function burst(): string[] {
  const messages: string[] = [];
  for (let i = 1; i <= 200; i++) {
    messages.push(votes(i % 3 === 0 ? { '11': i, '12': i * 2 } : { '11': i }, 1000 + i));
    if (i === 100) messages.push(question);
  }
  return messages;
}

describe('vote counts throttle', () => {
  const options = { minListeners: 1000, perListenerMs: 0.002, maxWindowMs: 2000 };

  it('ends a crowded channel with the counts the plain delivery ends with, in fewer messages', async () => {
    const plain: string[] = [];
    for (const raw of burst()) plain.push(raw);
    const heard: string[] = [];
    const throttle = createVotesThrottle(
      (ch, raw) => heard.push(raw),
      () => 5000,
      options,
    );
    for (const raw of burst()) throttle('event:7', raw);
    assert.ok(heard.includes(question), 'another message passes at once');
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(shown(heard), shown(plain));
    assert.deepEqual(shown(heard), { '11': 200, '12': 396 });
    assert.ok(heard.length < plain.length / 4, `${heard.length} messages`);
  });

  it('keeps the newest count when an older message comes late (from another process)', async () => {
    const heard: string[] = [];
    const throttle = createVotesThrottle(
      (ch, raw) => heard.push(raw),
      () => 5000,
      options,
    );
    throttle('event:7', votes({ '11': 1 }, 1));
    throttle('event:7', votes({ '11': 9 }, 9));
    throttle('event:7', votes({ '11': 5 }, 5));
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(shown(heard), { '11': 9 });
    // Later still, after the window passed the newest on.
    throttle('event:7', votes({ '11': 7 }, 7));
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(shown(heard), { '11': 9 });
  });

  it('passes everything as it comes on a channel with few listeners', () => {
    const heard: string[] = [];
    const throttle = createVotesThrottle(
      (ch, raw) => heard.push(raw),
      () => 10,
      options,
    );
    for (const raw of burst()) throttle('event:7', raw);
    assert.deepEqual(heard, burst());
  });
});
