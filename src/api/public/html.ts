// The frame of the server-rendered public pages: readable without JavaScript, light or dark by the
// visitor's system setting, with the meta tags link previews (OpenGraph, Twitter cards) read.
import { escapeHtml } from '../../core/text/html.ts';
import { contentSecurityPolicy } from '../security-headers.ts';

export interface PageMeta {
  title: string;
  description: string;
  url: string;
  image: string;
  type: 'profile' | 'article';
  /** the author asked search engines not to index them */
  noindex: boolean;
  /** e.g. the account's feed */
  alternate?: { type: string; title: string; href: string };
  /** where the same thing opens in the web app */
  appPath: string;
  siteName: string;
  lang?: string | null;
  /** the post's oEmbed description, for sites that embed it */
  oembed?: string;
  /** the page in each language it is written in (a post's versions); `url` serves the visitor's */
  languages?: { language: string; href: string }[];
  /** the canonical address, when not `url` (a version asked for by its own address) */
  canonical?: string;
}

// Inline styles: the stylesheet, and a style attribute on a post's heading.
const PUBLIC_DIRECTIVES = { 'img-src': "'self' https: data:", 'style-src': "'unsafe-inline'", 'form-action': "'none'" };
export const PUBLIC_CSP = contentSecurityPolicy(PUBLIC_DIRECTIVES);
/** A post's embed page: the same policy, and any site may frame it. */
export const EMBED_CSP = contentSecurityPolicy(PUBLIC_DIRECTIVES, 'anywhere');

const STYLE = `
:root{color-scheme:light dark;--bg:#f4f4f8;--card:#fff;--text:#1c1c24;--muted:#56566a;--line:#dcdce6;--accent:#4b3fc4}
@media (prefers-color-scheme:dark){:root{--bg:#15151c;--card:#1f1f29;--text:#ececf2;--muted:#a9a9bb;--line:#34344a;--accent:#a99dff}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,sans-serif}
a{color:var(--accent)}main{max-width:640px;margin:0 auto;padding:1rem}
header.top{display:flex;justify-content:space-between;align-items:center;gap:1rem;max-width:640px;margin:0 auto;padding:.75rem 1rem}
header.top .brand{font-weight:700;color:var(--text);text-decoration:none}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1rem;margin-bottom:1rem;overflow-wrap:anywhere}
.banner{width:100%;height:160px;object-fit:cover;border-radius:12px 12px 0 0;display:block;background:var(--line)}
.profile{padding:0;overflow:hidden}.profile .body{padding:0 1rem 1rem}
.avatar{width:88px;height:88px;border-radius:12px;border:3px solid var(--card);margin-top:-44px;background:var(--card)}
.small-avatar{width:44px;height:44px;border-radius:8px;flex:none}
h1{font-size:1.4rem;margin:.25rem 0 0}.muted{color:var(--muted)}
.counts{display:flex;gap:1.25rem;flex-wrap:wrap;margin:.5rem 0 0;padding:0;list-style:none}
dl.fields{display:grid;grid-template-columns:minmax(6rem,auto) 1fr;gap:.25rem 1rem;margin:.75rem 0 0}
dl.fields dt{font-weight:600}dl.fields dd{margin:0}
.post header{display:flex;gap:.75rem;align-items:center}.post header div{min-width:0}
.post .name{font-weight:600;color:var(--text);text-decoration:none}
.post .content p{margin:.5rem 0}.post footer{display:flex;gap:1rem;flex-wrap:wrap;font-size:.9rem}
details summary{cursor:pointer;color:var(--accent)}
nav.versions{font-size:.9rem;margin:.25rem 0 .5rem}nav.versions [aria-current]{font-weight:700;color:var(--text)}
.button{display:inline-block;padding:.45rem .9rem;border-radius:999px;background:var(--accent);color:var(--card);text-decoration:none;font-weight:600}
h2{font-size:1.1rem}`;

export function publicPage(meta: PageMeta, body: string): string {
  const e = escapeHtml;
  const tags = [
    `<meta property="og:site_name" content="${e(meta.siteName)}">`,
    `<meta property="og:type" content="${meta.type}">`,
    `<meta property="og:title" content="${e(meta.title)}">`,
    `<meta property="og:description" content="${e(meta.description)}">`,
    `<meta property="og:url" content="${e(meta.url)}">`,
    `<meta property="og:image" content="${e(meta.image)}">`,
    `<meta name="twitter:card" content="summary">`,
    `<meta name="twitter:title" content="${e(meta.title)}">`,
    `<meta name="twitter:description" content="${e(meta.description)}">`,
    `<meta name="twitter:image" content="${e(meta.image)}">`,
    `<meta name="description" content="${e(meta.description)}">`,
    `<link rel="canonical" href="${e(meta.canonical ?? meta.url)}">`,
    ...(meta.languages ?? []).map((l) => `<link rel="alternate" hreflang="${e(l.language)}" href="${e(l.href)}">`),
    meta.languages?.length ? `<link rel="alternate" hreflang="x-default" href="${e(meta.url)}">` : '',
    meta.noindex ? `<meta name="robots" content="noindex, noarchive">` : '',
    meta.alternate ? `<link rel="alternate" type="${e(meta.alternate.type)}" title="${e(meta.alternate.title)}" href="${e(meta.alternate.href)}">` : '',
    meta.oembed ? `<link rel="alternate" type="application/json+oembed" href="${e(meta.oembed)}">` : '',
  ].filter(Boolean);
  return `<!doctype html>
<html lang="${e(meta.lang ?? 'en')}" dir="auto">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(meta.title)}</title>
${tags.join('\n')}
<style>${STYLE}</style>
</head>
<body>
<header class="top"><a class="brand" href="/">${e(meta.siteName)}</a><a class="button" href="${e(meta.appPath)}">Open in the app</a></header>
<main>
${body}
</main>
</body>
</html>`;
}

/** A page made to be framed by other sites (a post's embed page): the content alone, no navigation. */
export function embedPage(meta: { title: string; lang?: string | null | undefined }, body: string): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${e(meta.lang ?? 'en')}" dir="auto">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(meta.title)}</title>
<style>${STYLE}body{background:transparent}main{padding:0}.card{margin:0}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** Text for a description tag: HTML without its tags, whitespace folded, cut at a word. */
export function plainExcerpt(html: string, max = 200): string {
  const text = html
    .replace(/<br\s*\/?>|<\/p>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}
