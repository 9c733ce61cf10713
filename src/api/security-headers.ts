// The headers that tell browsers how far to trust Parley's answers, from one place. No answer is to
// be sniffed as another type. An HTML answer also refuses to be framed (a page on another site
// framing the consent screen could get a click on "Authorise"), keeps its address out of Referer
// on other sites, and has a Content-Security-Policy: a page states its own with
// `contentSecurityPolicy`; one that states none gets the strictest, which loads nothing.

import { createHash } from 'node:crypto';

/** Kept in every policy, whatever a page adds: no framing, and no <base> to re-aim relative links. */
const ALWAYS = { 'frame-ancestors': "'none'", 'base-uri': "'none'" };

/** A policy that allows nothing but what `directives` name (`{ 'style-src': "'self'" }`, say). */
export function contentSecurityPolicy(directives: Record<string, string> = {}): string {
  return Object.entries({ 'default-src': "'none'", ...directives, ...ALWAYS })
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

/** The security headers for an answer of this type; those the answer states itself win over them. */
export function securityHeaders(contentType: string | null | undefined): Readonly<Record<string, string>> {
  return contentType?.trimStart().toLowerCase().startsWith('text/html') ? HTML_ANSWER : EVERY_ANSWER;
}
