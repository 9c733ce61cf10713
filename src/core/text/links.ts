// The web addresses a status links to, as the link timeline finds them: normalised, so that one
// page reached by differently written addresses is one link.
import sanitize from 'sanitize-html';
import { paragraphs, segmentLine } from './entities.ts';

/** A status counts at most this many links (Mastodon's link card reads only the first). */
export const MAX_LINKS = 10;
/** Longer addresses are not recorded (nor looked up): no page is known by one. */
export const MAX_URL_LENGTH = 2048;

/**
 * The address as recorded: http(s) only, scheme and host in lower case (WHATWG URL), default port
 * and fragment dropped, an empty path written "/"; the path and query as written. Null when it is
 * not such an address.
 */
export function normaliseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  url.hash = '';
  const href = url.href;
  return href.length > MAX_URL_LENGTH ? null : href;
}

const distinct = (urls: (string | null)[]): string[] => [...new Set(urls.filter((u): u is string => u !== null))].slice(0, MAX_LINKS);

/** The links in what an author typed (the same ones the HTML shows as links). */
export function linksInText(text: string): string[] {
  const found: (string | null)[] = [];
  for (const line of paragraphs(text).flat()) {
    for (const s of segmentLine(line)) if (s.kind === 'link') found.push(normaliseUrl(s.url));
  }
  return distinct(found);
}

/** The links in a status's HTML from another server, leaving out its mentions and hashtags. */
export function linksInHtml(html: string): string[] {
  const found: (string | null)[] = [];
  // sanitize-html's parser visits every anchor; nothing of its output is kept.
  sanitize(html, {
    allowedTags: ['a'],
    allowedAttributes: { a: ['href', 'rel', 'class'] },
    exclusiveFilter: (frame) => {
      const { href, rel = '', class: classes = '' } = frame.attribs;
      const words = `${rel} ${classes}`.split(/\s+/);
      const text = frame.text.trim();
      if (href && !words.includes('mention') && !words.includes('hashtag') && !words.includes('tag') && !/^[#@]/.test(text)) found.push(normaliseUrl(href));
      return false;
    },
  });
  return distinct(found);
}
