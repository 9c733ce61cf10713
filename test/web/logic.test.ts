// The web app's own rules that the browser tests only see through the screen: its character count
// agrees with the server's, and notifications fold as the screen promises.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characterCount } from '../../src/core/accounts/rules.ts';
import { weightedLength as serverLength } from '../../src/core/text/entities.ts';
import type { Notification } from '../../web/src/api/types.ts';
import { weightedLength } from '../../web/src/ui/count.ts';
import { groupNotifications } from '../../web/src/ui/notification-groups.ts';

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
});
