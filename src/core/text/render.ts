// Text → the HTML Mastodon clients expect: paragraphs, line breaks, links, mentions, hashtags.
// The HTML is written exactly as the sanitiser (sanitize.ts) would write it back: only allowed
// tags, attributes and link schemes, text escaped as it escapes it. Passing it through the
// sanitiser again changed nothing and cost ~90 µs a post; test/fuzz checks that it changes nothing
// for any text, mention or link.
import { paragraphs, segmentLine, type Segment } from './entities.ts';
import { clipText } from './well-formed.ts';

export interface RenderContext {
  /** profile URL and username of a mentioned account, or null to leave the mention as text */
  mention?: (username: string, domain: string | null) => { url: string; username: string } | null;
  /** URL of a hashtag page, or null to leave it as text */
  hashtag?: (name: string) => string | null;
}

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (value: string): string => escapeText(value).replace(/"/g, '&quot;');

/** An href attribute, or none for a link the sanitiser would not let through (ftp:, mailto:, //host, javascript:). */
const href = (url: string): string => (/^https?:\/\//i.test(url) ? ` href="${escapeAttribute(url)}"` : '');

function linkHtml(url: string, text: string): string {
  const withoutScheme = text.replace(/^https?:\/\//, '');
  // Cut where a character ends: half an emoji pair is not text.
  const shown = withoutScheme.length > 30 ? `${clipText(withoutScheme, 30)}…` : withoutScheme;
  return `<a${href(url)} target="_blank" rel="nofollow noopener" translate="no">${escapeText(shown)}</a>`;
}

function segmentHtml(s: Segment, ctx: RenderContext): string {
  switch (s.kind) {
    case 'text':
      return escapeText(s.text);
    case 'link':
      return linkHtml(s.url, s.text);
    case 'mention': {
      const target = ctx.mention?.(s.username, s.domain);
      if (!target) return escapeText(s.text);
      return `<span class="h-card" translate="no"><a${href(target.url)} class="u-url mention">@<span>${escapeText(target.username)}</span></a></span>`;
    }
    case 'hashtag': {
      const url = ctx.hashtag?.(s.name);
      if (!url) return escapeText(s.text);
      return `<a${href(url)} class="mention hashtag" rel="tag">#<span>${escapeText(s.name)}</span></a>`;
    }
  }
}

export function renderText(text: string, ctx: RenderContext = {}): string {
  return paragraphs(text)
    .map(
      (lines) =>
        `<p>${lines
          .map((line) =>
            segmentLine(line)
              .map((s) => segmentHtml(s, ctx))
              .join(''),
          )
          .join('<br />')}</p>`,
    )
    .join('');
}
