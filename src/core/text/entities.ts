// Finding mentions, hashtags and links in what people type (Mastodon's rules for what counts).
import { LinkifyIt } from 'linkify-it';

const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false });

// @user or @user@domain (a port is kept: servers on test machines have one), not inside a word or a URL path.
const MENTION = /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([\p{L}\p{N}.-]+[\p{L}\p{N}]+(?::\d{1,5})?))?/giu;
// #tag with at least one letter (so #1 is not a tag), not inside a word or a URL.
const TAG_NAME = '[\\p{L}\\p{M}\\p{N}_]*[\\p{L}_][\\p{L}\\p{M}\\p{N}_]*';
const HASHTAG = new RegExp(`(?<![=/)\\p{L}\\p{N}_])#(${TAG_NAME})`, 'gu');
const WHOLE_TAG_NAME = new RegExp(`^${TAG_NAME}$`, 'u');

/** A hashtag's name as a post could carry it (without the #): what the tag verbs accept. */
export const isHashtagName = (name: string): boolean => WHOLE_TAG_NAME.test(name);

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; url: string }
  | { kind: 'mention'; text: string; username: string; domain: string | null }
  | { kind: 'hashtag'; text: string; name: string };

// Composing a post reads each line four times (length, mentions, HTML, hashtags): the last lines
// split are kept, frozen, so the work is done once.
const recent = new Map<string, readonly Segment[]>();
const RECENT_LINES = 256;

/** Splits one line into text, links, mentions and hashtags; links win where they overlap. */
export function segmentLine(line: string): readonly Segment[] {
  let segments = recent.get(line);
  if (!segments) {
    segments = Object.freeze(split(line).map((s) => Object.freeze(s)));
    if (recent.size >= RECENT_LINES) recent.delete(recent.keys().next().value!);
    recent.set(line, segments);
  }
  return segments;
}

function split(line: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of linkify.match(line) ?? []) {
    out.push(...segmentWords(line.slice(last, m.index)));
    out.push({ kind: 'link', text: m.text, url: m.url });
    last = m.lastIndex;
  }
  out.push(...segmentWords(line.slice(last)));
  return out.filter((s) => s.text.length > 0);
}

function segmentWords(text: string): Segment[] {
  const found: { index: number; end: number; segment: Segment }[] = [];
  for (const m of text.matchAll(MENTION)) {
    found.push({ index: m.index, end: m.index + m[0].length, segment: { kind: 'mention', text: m[0], username: m[1]!, domain: m[2]?.toLowerCase() ?? null } });
  }
  for (const m of text.matchAll(HASHTAG)) {
    if (found.some((f) => m.index < f.end && m.index + m[0].length > f.index)) continue;
    found.push({ index: m.index, end: m.index + m[0].length, segment: { kind: 'hashtag', text: m[0], name: m[1]! } });
  }
  found.sort((a, b) => a.index - b.index);
  const out: Segment[] = [];
  let last = 0;
  for (const f of found) {
    out.push({ kind: 'text', text: text.slice(last, f.index) });
    out.push(f.segment);
    last = f.end;
  }
  out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

export function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .filter((p) => p.length > 0)
    .map((p) => p.split('\n'));
}

export interface Entities {
  mentions: { username: string; domain: string | null }[];
  tags: string[];
}

export function extractEntities(text: string): Entities {
  const mentions = new Map<string, { username: string; domain: string | null }>();
  const tags = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    for (const s of segmentLine(line)) {
      if (s.kind === 'mention') mentions.set(`${s.username.toLowerCase()}@${s.domain ?? ''}`, { username: s.username, domain: s.domain });
      if (s.kind === 'hashtag' && !tags.has(s.name.toLowerCase())) tags.set(s.name.toLowerCase(), s.name);
    }
  }
  return { mentions: [...mentions.values()], tags: [...tags.values()] };
}

/** Mastodon's length: every link counts as 23 characters, a remote mention as its local part. */
export const URL_LENGTH = 23;
export function weightedLength(text: string, count: (s: string) => number): number {
  let total = 0;
  for (const line of text.split('\n')) {
    for (const s of segmentLine(line)) {
      if (s.kind === 'link') total += URL_LENGTH;
      else if (s.kind === 'mention') total += count(`@${s.username}`);
      else total += count(s.text);
    }
  }
  return total + (text.split('\n').length - 1);
}
