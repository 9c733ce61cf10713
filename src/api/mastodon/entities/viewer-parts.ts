// The parts of a status entity that depend on who reads it (or on the request), one entry each.
// The plain renderer (entities/status.ts) writes them onto the entity every reader shares; the
// fast one (status-json.ts) leaves a slot for each in the shared JSON and splices in their bytes
// per reader. A new per-reader part (a poll's own votes, a chosen language version, quiz results)
// is one more entry here; test/api/status-json-agreement.test.ts fails until its table covers it.
import type { FilterMatch } from '../../../core/filters/service.ts';
import type { StatusView, ViewerFlags } from '../../../core/statuses/views.ts';
import { serializeFilterResults } from './filter.ts';
import type { UrlContext } from './account.ts';
import { writeOwnVotes } from './poll.ts';
import { quoteApproval, serializeQuote } from './quote.ts';
import { VERSION_PART } from './status-versions.ts';

/** What a part is computed from: the status as this viewer sees it, and the request's own extras. */
export interface PartInput {
  view: StatusView;
  /** where the entity's links point (a quote renders the status it quotes) */
  ctx: UrlContext;
  /** the source text, on the answer to a delete (for delete-and-redraft) */
  text: string | undefined;
  /** the viewer's filters that matched (listed for signed-in viewers) */
  filtered: FilterMatch[] | undefined;
  /** the reader's languages, most wanted first (see api/reader-languages) */
  languages: readonly string[] | undefined;
}

export interface ViewerPart {
  name: string;
  /** The object it writes into, as a key path from the status ([]: the status, ['poll']: its poll); nothing is written where that is null. */
  at: readonly string[];
  /**
   * 'append': keys added at the end of that object, in the registry's order (a reader's flags).
   * 'replace': keys the shared entity already has, whose values are this reader's (a language version).
   */
  mode: 'append' | 'replace';
  keys: readonly string[];
  /** Writes its keys for this input onto `into`, or nothing when they do not apply: what both renderers follow. */
  write(into: Record<string, unknown>, input: PartInput): void;
  /**
   * How many different texts it writes when they are few (flags): the fast renderer encodes each
   * once and keeps it (a 'replace' part's, once per status). Shape 0 of a 'replace' part writes
   * nothing: the shared value stays.
   */
  shapes: number;
  /** Which of them this input gets, or -1: encoded for this input alone (a filter's matches, a vote). */
  shape(input: PartInput): number;
  /** A 'replace' part that never applies to this status (most have one language) leaves no slot in its shared bytes. */
  applies?: (view: StatusView) => boolean;
  /** `shape` can answer -1 (the agreement test then needs such a case). */
  varies: boolean;
}

const STATUS: readonly string[] = [];
const POLL: readonly string[] = ['poll'];

/** One of the viewer's flags: absent for an anonymous viewer (0), false (1) or true (2). */
function flag(name: keyof Omit<ViewerFlags, 'own' | 'pinned' | 'votes'>): ViewerPart {
  return {
    name,
    at: STATUS,
    mode: 'append',
    keys: [name],
    write(into, { view }) {
      if (view.viewer) into[name] = view.viewer[name];
    },
    shapes: 3,
    shape: ({ view }) => (view.viewer ? (view.viewer[name] ? 2 : 1) : 0),
    varies: false,
  };
}

// Mastodon only says "pinned" on the viewer's own statuses (a reblog is never pinned).
const pinnable = (view: StatusView) => view.viewer?.own && !view.status.reblogOfId;

// What a quote approval tells the reader, beyond the anonymous reader's "unknown" (the shared value).
const APPROVAL_SHAPES = { unknown: 0, automatic: 1, denied: 2, manual: -1 } as const;

/** The parts of a status about quotes: what it quotes (rendered for the reader), and whether the reader may quote it. */
const QUOTE_PARTS: readonly ViewerPart[] = [
  {
    name: 'quote',
    at: STATUS,
    mode: 'replace',
    keys: ['quote'],
    write(into, { view, ctx }) {
      if (view.quote) into.quote = serializeQuote(view.quote, ctx);
    },
    shapes: 1,
    shape: ({ view }) => (view.quote ? -1 : 0),
    // Most statuses quote nothing: their shared `"quote":null` stays whole.
    applies: (view) => view.quote !== null,
    varies: true,
  },
  {
    name: 'quote_approval',
    at: STATUS,
    mode: 'replace',
    keys: ['quote_approval'],
    write(into, { view }) {
      if (view.quoteApproval !== 'unknown') into.quote_approval = quoteApproval(view);
    },
    // "manual" (Parley's own policy, rare) is encoded alone.
    shapes: 3,
    shape: ({ view }) => APPROVAL_SHAPES[view.quoteApproval],
    varies: true,
  },
];

export const VIEWER_PARTS: readonly ViewerPart[] = [
  flag('favourited'),
  flag('reblogged'),
  flag('muted'),
  flag('bookmarked'),
  {
    name: 'pinned',
    at: STATUS,
    mode: 'append',
    keys: ['pinned'],
    write(into, { view }) {
      if (pinnable(view)) into.pinned = view.viewer!.pinned;
    },
    shapes: 3,
    shape: ({ view }) => (pinnable(view) ? (view.viewer!.pinned ? 2 : 1) : 0),
    varies: false,
  },
  {
    name: 'text',
    at: STATUS,
    mode: 'append',
    keys: ['text'],
    write(into, { text }) {
      if (text !== undefined) into.text = text;
    },
    shapes: 1,
    shape: ({ text }) => (text === undefined ? 0 : -1),
    varies: true,
  },
  {
    name: 'filtered',
    at: STATUS,
    mode: 'append',
    keys: ['filtered'],
    write(into, { filtered }) {
      if (filtered !== undefined) into.filtered = serializeFilterResults(filtered);
    },
    // Not listed (anonymous viewers, single statuses), none matched, or the matches.
    shapes: 2,
    shape: ({ filtered }) => (filtered === undefined ? 0 : filtered.length === 0 ? 1 : -1),
    varies: true,
  },
  {
    name: 'poll',
    at: POLL,
    mode: 'append',
    keys: ['voted', 'own_votes'],
    write: (into, { view }) => writeOwnVotes(into, view),
    // Anonymous, not voted, the poll's author (voted, no choices), or the reader's own choices.
    shapes: 3,
    shape: ({ view }) => (!view.viewer ? 0 : view.viewer.votes.length > 0 ? -1 : view.viewer.own ? 2 : 1),
    varies: true,
  },
  ...QUOTE_PARTS,
  VERSION_PART,
];

/** The object at a key path of an entity, or null when there is none there. */
export function objectAt(entity: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | null {
  let at: unknown = entity;
  for (const key of path) {
    at = (at as Record<string, unknown>)[key];
    if (at === null || typeof at !== 'object') return null;
  }
  return at as Record<string, unknown>;
}

/** The plain way: each part writes its keys onto the entity, in the registry's order. */
export function writeViewerParts(entity: Record<string, unknown>, input: PartInput, parts: readonly ViewerPart[]): void {
  for (const part of parts) {
    const into = part.at.length === 0 ? entity : objectAt(entity, part.at);
    if (into) part.write(into, input);
  }
}
