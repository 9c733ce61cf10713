import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characterCount } from '../../src/core/accounts/rules.ts';
import { plainTextToHtml } from '../../src/core/text/plain-to-html.ts';

describe('plain text to HTML', () => {
  it('escapes markup, keeps line breaks and paragraphs', () => {
    assert.equal(plainTextToHtml('<script>alert(1)</script>\nline two\n\n\npara'), '<p>&lt;script&gt;alert(1)&lt;/script&gt;<br>line two</p><p>para</p>');
  });

  it('links URLs, shortening long ones, and never links javascript:', () => {
    const html = plainTextToHtml('see https://example.com/a/very/long/path/that/goes/on/and/on?x=1&y=2 and javascript:alert(1)');
    assert.match(html, /<a href="https:\/\/example.com\/a\/very\/long\/path\/that\/goes\/on\/and\/on\?x=1&amp;y=2"/);
    assert.match(html, />example.com\/a\/very\/long\/path\/t…<\/a>/, "shown without scheme, cut at 30 characters");
    assert.doesNotMatch(html, /href="javascript/);
  });

  it('counts what people see as characters', () => {
    assert.equal(characterCount('👩‍👩‍👧‍👦 สวัสดี'), 6);
  });
});
