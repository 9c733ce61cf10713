// Statuses' HTML is rendered without passing through the sanitiser (render.ts writes only what it
// allows, as it writes it). Thousands of hostile texts, mentions and links: the sanitiser must
// change nothing in what render.ts writes, so skipping it lets nothing through that it would stop.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderText } from '../../src/core/text/render.ts';
import { sanitizeHtml } from '../../src/core/text/sanitize.ts';

const PIECES = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '&amp;',
  '&#39;',
  '&lt;script&gt;',
  '<script>alert(1)</script>',
  '<b>',
  '</p>',
  '<a href="x">',
  '<!--',
  '-->',
  ']]>',
  'javascript:alert(1)',
  'https://',
  'http://',
  'HTTPS://',
  'ftp://',
  '//',
  'mailto:',
  'data:text/html,<b>',
  'www.example.com',
  'https://example.com/a?b=1&c=2#f',
  'https://example.com/"onmouseover="x',
  "https://example.com/'x'",
  'https://xn--e1afmkfd.xn--p1ai/path',
  '@amina',
  '@amina@remote.example',
  '@evil',
  '#tag',
  '#Tag_2',
  '#日本',
  '\n',
  '\n\n',
  ' ',
  '  ',
  '\t',
  'é',
  '🎉',
  '\u202e',
  '\u200b',
  '\u00a0',
  '%',
  '%22',
  '?',
  '=',
  '/',
  '.',
  'com',
  'word',
  'x',
  '0',
  ':',
  ';',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '\\',
  '`',
];

const MENTION_URLS = [
  'https://remote.example/@amina',
  'HTTPS://REMOTE.EXAMPLE/@AMINA',
  'javascript:alert(document.cookie)',
  '//evil.example/@x',
  'data:text/html,<script>alert(1)</script>',
  'https://remote.example/@a"><script>alert(1)</script>',
  "https://remote.example/@a'&b<c>",
  'ftp://remote.example/~x',
  '',
];

/** A small seeded generator: the same cases on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('rendered status HTML is what the sanitiser would let through', () => {
  it('for thousands of hostile texts, mentions and links', () => {
    const next = random(20261130);
    for (let i = 0; i < 4000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 24) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
      const mentionUrl = MENTION_URLS[Math.floor(next() * MENTION_URLS.length)]!;
      const html = renderText(text, {
        mention: (username, domain) => (domain === 'remote.example' || username === 'evil' ? { url: mentionUrl, username: `${username}"<i>` } : null),
        hashtag: (name) => `https://parley.example/tags/${encodeURIComponent(name.toLowerCase())}`,
      });
      assert.equal(sanitizeHtml(html), html, `the sanitiser changed the HTML of ${JSON.stringify(text)} (mention URL ${JSON.stringify(mentionUrl)})`);
      for (const [, tag] of html.matchAll(/<\/?([a-z0-9]+)/gi)) assert.ok(['p', 'br', 'a', 'span'].includes(tag!), `a <${tag}> tag in ${JSON.stringify(html)}`);
      for (const [tag] of html.matchAll(/<a\b[^>]*>/g)) {
        const url = /\shref="([^"]*)"/.exec(tag)?.[1];
        if (url !== undefined) assert.match(url, /^https?:\/\//i, `a link to ${url}`);
      }
    }
  });
});
