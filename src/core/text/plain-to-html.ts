// Plain text as people type it → the HTML Mastodon clients expect: paragraphs, line breaks, links.
import { LinkifyIt } from 'linkify-it';
import { escapeHtml } from './html.ts';

const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false });

function linkifyLine(line: string): string {
  const matches = linkify.match(line);
  if (!matches) return escapeHtml(line);
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += escapeHtml(line.slice(last, m.index));
    out += linkHtml(m.url, m.text);
    last = m.lastIndex;
  }
  return out + escapeHtml(line.slice(last));
}

/** A link shown the way Mastodon shows it: scheme hidden, long paths shortened. */
function linkHtml(url: string, text: string): string {
  const withoutScheme = text.replace(/^https?:\/\//, '');
  const shown = withoutScheme.length > 30 ? `${withoutScheme.slice(0, 30)}…` : withoutScheme;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">${escapeHtml(shown)}</a>`;
}

export function plainTextToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .filter((p) => p.length > 0);
  return paragraphs.map((p) => `<p>${p.split('\n').map(linkifyLine).join('<br>')}</p>`).join('');
}
