// Text → the HTML Mastodon clients expect: paragraphs, line breaks, links, mentions, hashtags.
import { escapeHtml } from './html.ts';
import { paragraphs, segmentLine, type Segment } from './entities.ts';
import { sanitizeHtml } from './sanitize.ts';

export interface RenderContext {
  /** profile URL and username of a mentioned account, or null to leave the mention as text */
  mention?: (username: string, domain: string | null) => { url: string; username: string } | null;
  /** URL of a hashtag page, or null to leave it as text */
  hashtag?: (name: string) => string | null;
}

function linkHtml(url: string, text: string): string {
  const withoutScheme = text.replace(/^https?:\/\//, '');
  const shown = withoutScheme.length > 30 ? `${withoutScheme.slice(0, 30)}…` : withoutScheme;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">${escapeHtml(shown)}</a>`;
}

function segmentHtml(s: Segment, ctx: RenderContext): string {
  switch (s.kind) {
    case 'text':
      return escapeHtml(s.text);
    case 'link':
      return linkHtml(s.url, s.text);
    case 'mention': {
      const target = ctx.mention?.(s.username, s.domain);
      if (!target) return escapeHtml(s.text);
      return `<span class="h-card" translate="no"><a href="${escapeHtml(target.url)}" class="u-url mention">@<span>${escapeHtml(target.username)}</span></a></span>`;
    }
    case 'hashtag': {
      const url = ctx.hashtag?.(s.name);
      if (!url) return escapeHtml(s.text);
      return `<a href="${escapeHtml(url)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(s.name)}</span></a>`;
    }
  }
}

export function renderText(text: string, ctx: RenderContext = {}): string {
  const html = paragraphs(text)
    .map((lines) => `<p>${lines.map((line) => segmentLine(line).map((s) => segmentHtml(s, ctx)).join('')).join('<br>')}</p>`)
    .join('');
  // Built from escaped parts already; the sanitiser is the second lock on the door.
  return sanitizeHtml(html);
}
