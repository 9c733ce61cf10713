import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characterCount } from '../../src/core/accounts/rules.ts';
import { plainTextToHtml } from '../../src/core/text/plain-to-html.ts';
import { clipText, isWellFormedText, wellFormedText } from '../../src/core/text/well-formed.ts';

describe('plain text to HTML', () => {
  it('escapes markup, keeps line breaks and paragraphs', () => {
    assert.equal(plainTextToHtml('<script>alert(1)</script>\nline two\n\n\npara'), '<p>&lt;script&gt;alert(1)&lt;/script&gt;<br />line two</p><p>para</p>');
  });

  it('links URLs, shortening long ones, and never links javascript:', () => {
    const html = plainTextToHtml('see https://example.com/a/very/long/path/that/goes/on/and/on?x=1&y=2 and javascript:alert(1)');
    assert.match(html, /<a href="https:\/\/example.com\/a\/very\/long\/path\/that\/goes\/on\/and\/on\?x=1&amp;y=2"/);
    assert.match(html, />example.com\/a\/very\/long\/path\/t…<\/a>/, 'shown without scheme, cut at 30 characters');
    assert.doesNotMatch(html, /href="javascript/);
  });

  it('cuts a long link where a character ends, never inside an emoji', () => {
    const html = plainTextToHtml(`https://example.com/${'a'.repeat(11)}${'😀'.repeat(10)}`);
    assert.match(html, />example.com\/aaaaaaaaaaa😀😀😀…<\/a>/);
    assert.ok(isWellFormedText(html));
  });

  it('counts what people see as characters', () => {
    assert.equal(characterCount('👩‍👩‍👧‍👦 สวัสดี'), 6);
  });
});

describe('status entities', async () => {
  const { extractEntities, weightedLength } = await import('../../src/core/text/entities.ts');
  const { renderText } = await import('../../src/core/text/render.ts');

  it('finds local and remote mentions and hashtags, not inside links or words', () => {
    const e = extractEntities('hi @amina and @Karim@Other.Example! #Thai #ไทย #1 mail@example.com https://x.example/#frag https://x.example/@user');
    assert.deepEqual(e.mentions, [
      { username: 'amina', domain: null },
      { username: 'Karim', domain: 'other.example' },
    ]);
    assert.deepEqual(e.tags, ['Thai', 'ไทย']);
  });

  it('renders mentions and hashtags as Mastodon does', () => {
    const html = renderText('@amina #Hello', {
      mention: (u) => (u === 'amina' ? { url: 'https://p.example/@amina', username: 'amina' } : null),
      hashtag: (n) => `https://p.example/tags/${n.toLowerCase()}`,
    });
    assert.equal(
      html,
      '<p><span class="h-card" translate="no"><a href="https://p.example/@amina" class="u-url mention">@<span>amina</span></a></span> <a href="https://p.example/tags/hello" class="mention hashtag" rel="tag">#<span>Hello</span></a></p>',
    );
    assert.equal(renderText('@nobody'), '<p>@nobody</p>', 'unknown accounts stay text');
  });

  it('counts links as 23 characters and remote mentions by their local part', () => {
    assert.equal(weightedLength(`see https://example.com/${'x'.repeat(100)}`, characterCount), 4 + 23);
    assert.equal(weightedLength('@amina@far.away.example hi', characterCount), '@amina hi'.length);
  });
});

describe('well-formed text', () => {
  it('tells lone surrogates from pairs', () => {
    assert.equal(isWellFormedText('emoji 😀 fine'), true);
    assert.equal(isWellFormedText('lone \uD800 high'), false);
    assert.equal(isWellFormedText('lone \uDC00 low'), false);
  });

  it('puts U+FFFD in place of each lone surrogate in remote text, and cuts it without splitting a pair', () => {
    assert.equal(wellFormedText('a\uD800b\uDFFFc😀'), 'a\uFFFDb\uFFFDc😀');
    assert.equal(clipText('ab😀', 3), 'ab', 'half a pair is dropped');
    assert.equal(clipText('ab😀', 4), 'ab😀');
    assert.equal(clipText('a\uD800bc', 3), 'a\uFFFDb');
  });
});
