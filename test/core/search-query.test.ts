// The search query language, with no database: parsing (core/search/query), what the words ask of
// the index (text-match), and what the operators narrow (operators).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateRange, languageCode, operatorConditions } from '../../src/core/search/operators.ts';
import { parseSearchQuery } from '../../src/core/search/query.ts';
import { clauseMatch, textMatch } from '../../src/core/search/text-match.ts';
import { searchedKinds } from '../../src/core/search/service.ts';

describe('parseSearchQuery', () => {
  it('reads words, quoted phrases, exclusions and operators', () => {
    assert.deepEqual(parseSearchQuery('tomato "green salad" -garlic +basil from:ana has:media -is:reply language:th'), {
      terms: [
        { text: 'tomato', phrase: false, negated: false },
        { text: 'green salad', phrase: true, negated: false },
        { text: 'garlic', phrase: false, negated: true },
        { text: 'basil', phrase: false, negated: false },
      ],
      operators: [
        { name: 'from', value: 'ana', negated: false },
        { name: 'has', value: 'media', negated: false },
        { name: 'is', value: 'reply', negated: true },
        { name: 'language', value: 'th', negated: false },
      ],
      scope: 'all',
    });
  });

  it('takes quoted operator values, excluded phrases, curly quotes and an unclosed quote', () => {
    const q = parseSearchQuery('after:"2024-05-01T10:00:00Z" -"bad news" “smart quotes” "open ended');
    assert.deepEqual(q.operators, [{ name: 'after', value: '2024-05-01T10:00:00Z', negated: false }]);
    assert.deepEqual(q.terms, [
      { text: 'bad news', phrase: true, negated: true },
      { text: 'smart quotes', phrase: true, negated: false },
      { text: 'open ended', phrase: true, negated: false },
    ]);
  });

  it('chooses the scope with in:, the last one winning, and ignores an unknown place', () => {
    assert.equal(parseSearchQuery('cats in:library').scope, 'library');
    assert.equal(parseSearchQuery('in:library cats in:public').scope, 'public');
    assert.equal(parseSearchQuery('cats in:everywhere').scope, 'all');
    assert.deepEqual(parseSearchQuery('cats in:public').terms, [{ text: 'cats', phrase: false, negated: false }]);
  });

  it('keeps unknown prefixes, URLs and times as words, and drops terms of punctuation alone', () => {
    const q = parseSearchQuery('https://example.com/a note:taken 10:30 -- ... "!!!" 100%');
    assert.deepEqual(
      q.terms.map((t) => t.text),
      ['https://example.com/a', 'note:taken', '10:30', '100%'],
    );
    assert.deepEqual(q.operators, []);
    assert.deepEqual(parseSearchQuery('from: alone').terms, [
      { text: 'from:', phrase: false, negated: false },
      { text: 'alone', phrase: false, negated: false },
    ]);
  });

  it('reads operator names in any case, and a lone dash as punctuation', () => {
    assert.deepEqual(parseSearchQuery('FROM:Ana - x').operators, [{ name: 'from', value: 'Ana', negated: false }]);
    assert.deepEqual(parseSearchQuery('FROM:Ana - x').terms, [{ text: 'x', phrase: false, negated: false }]);
  });
});

describe('text matching', () => {
  it('asks spaced scripts for words or a phrase', () => {
    assert.deepEqual(clauseMatch({ text: 'tomato soup', phrase: false }), { parts: [{ kind: 'words', text: 'tomato soup' }], substrings: [] });
    assert.deepEqual(clauseMatch({ text: 'tomato soup', phrase: true }), { parts: [{ kind: 'phrase', text: 'tomato soup' }], substrings: [] });
  });

  it('asks Chinese, Japanese and Thai for the pairs of neighbouring characters, then the exact substring', () => {
    assert.deepEqual(clauseMatch({ text: '苹果汁', phrase: false }), { parts: [{ kind: 'written', text: "'苹果' & '果汁'" }], substrings: ['苹果汁'] });
    assert.deepEqual(clauseMatch({ text: 'ยินดี', phrase: false }), {
      parts: [{ kind: 'written', text: "'ยิ' & 'ิน' & 'นด' & 'ดี'" }],
      substrings: ['ยินดี'],
    });
    // A single character: the pairs it starts (every pair holding it at the front holds it).
    assert.deepEqual(clauseMatch({ text: '果', phrase: false }), { parts: [{ kind: 'written', text: "'果':*" }], substrings: [] });
    // Beyond the basic plane (CJK extension B) too, by code point.
    assert.deepEqual(clauseMatch({ text: '𠀀𠀁', phrase: false }).parts, [{ kind: 'written', text: "'𠀀𠀁'" }]);
  });

  it('splits a term mixing scripts into words and pairs', () => {
    assert.deepEqual(clauseMatch({ text: 'iPhone手机', phrase: false }), {
      parts: [
        { kind: 'words', text: 'iPhone' },
        { kind: 'written', text: "'手机'" },
      ],
      substrings: ['手机'],
    });
  });

  it('sorts terms into what must and must not match', () => {
    const match = textMatch(parseSearchQuery('soup -"bad news" -東京').terms);
    assert.equal(match.include.length, 1);
    assert.deepEqual(
      match.exclude.map((c) => c.parts),
      [[{ kind: 'phrase', text: 'bad news' }], [{ kind: 'written', text: "'東京'" }]],
    );
  });
});

describe('operators', () => {
  const authorOf = async (acct: string) => (acct.replace(/^@/, '') === 'ana' ? '11' : undefined);

  it('turns from:, has:, is: and language: into conditions', async () => {
    const q = parseSearchQuery('from:me -from:@ana has:image is:video has:poll -is:sensitive is:reply has:link language:PT-br');
    assert.deepEqual(await operatorConditions(q.operators, '7', authorOf), [
      { kind: 'author', accountId: '7', negated: false },
      { kind: 'author', accountId: '11', negated: true },
      { kind: 'media', media: 'image', negated: false },
      { kind: 'media', media: 'video', negated: false },
      { kind: 'poll', negated: false },
      { kind: 'sensitive', negated: true },
      { kind: 'reply', negated: false },
      { kind: 'link', negated: false },
      { kind: 'language', language: 'pt', negated: false },
    ]);
  });

  it('finds nothing for what cannot be, and leaves everything when it is excluded', async () => {
    const q = parseSearchQuery('from:nobody has:sparkles has:embed before:2024-02-30 -from:nobody -has:sparkles -has:embed -during:someday');
    assert.deepEqual(await operatorConditions(q.operators, '7', authorOf), [{ kind: 'nothing' }, { kind: 'nothing' }, { kind: 'nothing' }, { kind: 'nothing' }]);
  });

  it('reads dates as whole UTC days, and instants as given', async () => {
    assert.deepEqual(dateRange('2024-05-01'), { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-05-02T00:00:00Z') });
    assert.deepEqual(dateRange('2024-05-01T10:30:00Z'), { start: new Date('2024-05-01T10:30:00Z'), end: new Date('2024-05-01T10:30:00Z') });
    assert.equal(dateRange('yesterday'), undefined);
    assert.equal(dateRange('2024-13-01'), undefined);
    const q = parseSearchQuery('before:2024-05-01 after:2024-05-01 during:2024-05-01');
    assert.deepEqual(await operatorConditions(q.operators, '7', authorOf), [
      { kind: 'created', before: new Date('2024-05-01T00:00:00Z'), negated: false },
      { kind: 'created', from: new Date('2024-05-02T00:00:00Z'), negated: false },
      { kind: 'created', from: new Date('2024-05-01T00:00:00Z'), before: new Date('2024-05-02T00:00:00Z'), negated: false },
    ]);
  });

  it('normalises language codes', () => {
    assert.equal(languageCode('EN'), 'en');
    assert.equal(languageCode('zh_TW'), 'zh');
  });
});

describe('which kinds a query searches', () => {
  const kinds = (q: string, signedIn = true, type?: 'accounts' | 'hashtags' | 'statuses') => [...searchedKinds(q, parseSearchQuery(q), type, signedIn)].sort();

  it('follows Mastodon: a lone #tag or handle is not looked for in posts, operators are about posts', () => {
    assert.deepEqual(kinds('tomatoes'), ['accounts', 'hashtags', 'statuses']);
    assert.deepEqual(kinds('#garden'), ['hashtags']);
    assert.deepEqual(kinds('ana@example.com'), ['accounts']);
    assert.deepEqual(kinds('@ana'), ['accounts']);
    assert.deepEqual(kinds('from:ana@example.com'), ['statuses']);
    assert.deepEqual(kinds('cats in:library'), ['statuses']);
    assert.deepEqual(kinds('tomatoes', false), ['accounts', 'hashtags']);
    assert.deepEqual(kinds('tomatoes', true, 'statuses'), ['statuses']);
    assert.deepEqual(kinds('!!!'), ['accounts', 'hashtags']);
  });
});
