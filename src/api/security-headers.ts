// The headers that tell browsers how far to trust Parley's answers, from one place. No answer is to
// be sniffed as another type. An HTML answer also refuses to be framed (a page on another site
// framing the consent screen could get a click on "Authorise"), keeps its address out of Referer
// on other sites, and has a Content-Security-Policy: a page states its own with
// `contentSecurityPolicy`; one that states none gets the strictest, which loads nothing. The one
// exception to framing is a page made to be embedded (a post's embed page, for oEmbed): its route
// says so (`framing: 'anywhere'`), and only its framing rules change.

import { createHash } from 'node:crypto';

/** Whether other sites may frame an answer: never, but for a page made to be embedded. */
export type Framing = 'none' | 'anywhere';

/**
 * A policy that allows nothing but what `directives` name (`{ 'style-src': "'self'" }`, say). Kept
 * whatever a page adds: no framing (unless the page is made to be embedded), and no <base> to
 * re-aim relative links.
 */
export function contentSecurityPolicy(directives: Record<string, string> = {}, framing: Framing = 'none'): string {
  return Object.entries({ 'default-src': "'none'", ...directives, 'frame-ancestors': framing === 'anywhere' ? '*' : "'none'", 'base-uri': "'none'" })
    .map(([name, sources]) => `${name} ${sources}`)
    .join('; ');
}

/** The policy source allowing an inline <style> element with exactly this text. */
export function inlineStyleSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}

const EVERY_ANSWER = { 'X-Content-Type-Options': 'nosniff' };
const HTML_ANSWER = {
  ...EVERY_ANSWER,
  'Content-Security-Policy': contentSecurityPolicy({ 'form-action': "'self'" }),
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};
// X-Frame-Options has no value allowing every site: an embeddable page goes without it.
const EMBEDDABLE_HTML_ANSWER = { ...EVERY_ANSWER, 'Content-Security-Policy': contentSecurityPolicy({ 'form-action': "'self'" }, 'anywhere'), 'Referrer-Policy': 'same-origin' };

/** The security headers for an answer of this type; those the answer states itself win over them. */
export function securityHeaders(contentType: string | null | undefined, framing: Framing = 'none'): Readonly<Record<string, string>> {
  if (!contentType?.trimStart().toLowerCase().startsWith('text/html')) return EVERY_ANSWER;
  return framing === 'anywhere' ? EMBEDDABLE_HTML_ANSWER : HTML_ANSWER;
}
