// The web app's own rules that the browser tests only see through the screen: its character count
// agrees with the server's, notifications fold as the screen promises, and polls are counted,
// offered and edited as the server takes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characterCount } from '../../src/core/accounts/rules.ts';
import { weightedLength as serverLength } from '../../src/core/text/entities.ts';
import { checkPoll } from '../../src/core/statuses/poll-input.ts';
import type { Notification, Poll } from '../../web/src/api/types.ts';
import { closestDuration, DEFAULT_POLL_LIMITS, draftOf, durationChoices, pollParams, pollReady } from '../../web/src/ui/compose-poll.ts';
import { weightedLength } from '../../web/src/ui/count.ts';
import { groupNotifications } from '../../web/src/ui/notification-groups.ts';
import { resultsOf, withOwnVotes } from '../../web/src/ui/poll-results.ts';

describe('web app logic', () => {
  it('counts characters as the server does', () => {
    const samples = [
      '',
      'Hello, world',
      'Links count as 23: https://example.com/a/very/long/path/that/goes/on?and=on#and-on',
      'Two https://a.example and http://b.example/x links',
      'Mentions count the username: @alice@example.com and @bob',
      'Family emoji 👨‍👩‍👧‍👦 and flags 🇫🇷🇯🇵 are one character each',
      'é (composed) and é (decomposed)',
      'Line one\nline two\n\nparagraph',
      'עברית ועוד שפה, العربية',
    ];
    for (const text of samples) assert.equal(weightedLength(text, ''), serverLength(text, characterCount), JSON.stringify(text));
    assert.equal(weightedLength('body', 'warning 🇫🇷'), serverLength('body', characterCount) + characterCount('warning 🇫🇷'));
  });

  it('folds consecutive favourites, boosts and follows, and keeps mentions apart', () => {
    const account = (id: string) => ({ id, acct: id }) as Notification['account'];
    const status = (id: string) => ({ id }) as NonNullable<Notification['status']>;
    const n = (id: string, type: string, who: string, on?: string): Notification => ({ id, type, created_at: '', account: account(who), status: on ? status(on) : null });
    const groups = groupNotifications([
      n('9', 'favourite', 'ana', 's1'),
      n('8', 'favourite', 'ben', 's1'),
      n('7', 'favourite', 'ana', 's1'),
      n('6', 'favourite', 'cy', 's2'),
      n('5', 'mention', 'ana', 's3'),
      n('4', 'mention', 'ben', 's4'),
      n('3', 'follow', 'dee'),
      n('2', 'follow', 'eve'),
      n('1', 'favourite', 'fay', 's1'),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.key, g.type, g.accounts.map((a) => a.id)]),
      [
        ['9', 'favourite', ['ana', 'ben']],
        ['6', 'favourite', ['cy']],
        ['5', 'mention', ['ana']],
        ['4', 'mention', ['ben']],
        ['3', 'follow', ['dee', 'eve']],
        ['1', 'favourite', ['fay']],
      ],
    );
  });

  const poll = (patch: Partial<Poll>): Poll => ({
    id: '1',
    expires_at: null,
    expired: false,
    multiple: false,
    votes_count: 4,
    voters_count: null,
    options: [
      { title: 'tea', votes_count: 3 },
      { title: 'coffee', votes_count: 1 },
      { title: 'water', votes_count: 0 },
    ],
    ...patch,
  });

  it("shares a poll's votes among the people who voted, and marks the leading and own options", () => {
    const single = resultsOf(poll({ own_votes: [1] }));
    assert.deepEqual(
      single.map((o) => [o.share, o.leading, o.own]),
      [
        [0.75, true, false],
        [0.25, false, true],
        [0, false, false],
      ],
    );
    // Several choices: each share is of the voters, so they add up to more than one.
    const multiple = resultsOf(poll({ multiple: true, voters_count: 3 }));
    assert.deepEqual(
      multiple.map((o) => o.share),
      [1, 1 / 3, 0],
    );
    assert.deepEqual(
      resultsOf(poll({ votes_count: 0, options: [{ title: 'a', votes_count: 0 }] })).map((o) => [o.share, o.leading]),
      [[0, false]],
    );
    assert.deepEqual(
      resultsOf(poll({ options: [{ title: 'a', votes_count: null }] })).map((o) => o.share),
      [null],
      'no share while totals are hidden',
    );
  });

  it("keeps the reader's votes through a poll sent for no one, unless an edit changed its options", () => {
    const shown = poll({ voted: true, own_votes: [0] });
    const counted = poll({ votes_count: 5 });
    assert.deepEqual(withOwnVotes(counted, shown), { ...counted, voted: true, own_votes: [0] });
    const reworded = poll({ options: [{ title: 'tea', votes_count: 0 }] });
    assert.equal(withOwnVotes(reworded, shown), reworded);
    const forReader = poll({ voted: false, own_votes: [] });
    assert.equal(withOwnVotes(forReader, shown), forReader, 'a poll rendered for the reader says it all');
    assert.equal(withOwnVotes(null, shown), null);
  });

  it('offers durations and polls the server takes, and edits a poll about as long as it has left', () => {
    const choices = durationChoices(DEFAULT_POLL_LIMITS);
    assert.equal(choices[0], 300);
    for (const expiresIn of choices) assert.doesNotThrow(() => checkPoll({ options: ['a', 'b'], expiresIn }), `${expiresIn} s`);
    assert.deepEqual(durationChoices({ ...DEFAULT_POLL_LIMITS, min_expiration: 3600, max_expiration: 86_400 }), [3600, 6 * 3600, 12 * 3600, 86_400]);
    assert.equal(closestDuration(2 * 3600, choices), 6 * 3600);
    assert.equal(closestDuration(90 * 86_400, choices), 7 * 86_400);

    const now = Date.parse('2025-01-01T00:00:00Z');
    const running = poll({ multiple: true, expires_at: new Date(now + 2.5 * 86_400_000).toISOString() });
    const draft = draftOf(running, DEFAULT_POLL_LIMITS, now);
    assert.deepEqual(draft, { options: ['tea', 'coffee', 'water'], expiresIn: 3 * 86_400, multiple: true, hideTotals: false });
    const hiding = poll({
      options: [
        { title: 'a', votes_count: null },
        { title: 'b', votes_count: null },
      ],
    });
    assert.equal(draftOf(hiding, DEFAULT_POLL_LIMITS, now).hideTotals, true);
    assert.deepEqual(pollParams({ ...draft, options: [' tea ', 'coffee'] }), { options: ['tea', 'coffee'], expires_in: 3 * 86_400, multiple: true, hide_totals: false });
    assert.equal(pollReady({ ...draft, options: ['tea', ' tea'] }), false, 'the same option twice');
    assert.equal(pollReady({ ...draft, options: ['tea', ' '] }), false, 'a blank option');
    assert.equal(pollReady(draft), true);
  });
});
