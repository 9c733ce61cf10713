// The poll of a post being written: two options or more (up to the server's limit), how long it
// stays open (among durations the server takes), and whether it takes several choices and hides its
// totals until it ends. An edit starts with the post's own poll (the same options and kind keep
// its votes). The pure parts are exported for test/web/logic.test.ts.
import { useState } from 'react';
import type { Poll, PollLimits, Status } from '../api/types.ts';

export interface DraftPoll {
  options: string[];
  /** seconds */
  expiresIn: number;
  multiple: boolean;
  hideTotals: boolean;
}

/** What a server that says nothing takes (Mastodon's defaults). */
export const DEFAULT_POLL_LIMITS: PollLimits = { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 };

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;
const DURATIONS = [5 * MINUTE, 30 * MINUTE, HOUR, 6 * HOUR, 12 * HOUR, DAY, 3 * DAY, 7 * DAY];
const DEFAULT_DURATION = DAY;

/** The durations offered: those within the server's limits (its shortest, if none is). */
export function durationChoices(limits: PollLimits): number[] {
  const within = DURATIONS.filter((s) => s >= limits.min_expiration && s <= limits.max_expiration);
  return within.length > 0 ? within : [limits.min_expiration];
}

/** The shortest duration offered that lasts at least `seconds` (the longest if none does). */
export function closestDuration(seconds: number, choices: number[]): number {
  return choices.find((s) => s >= seconds) ?? choices[choices.length - 1]!;
}

export function emptyPoll(limits: PollLimits): DraftPoll {
  return { options: ['', ''], expiresIn: closestDuration(DEFAULT_DURATION, durationChoices(limits)), multiple: false, hideTotals: false };
}

/**
 * A posted poll to edit: its options and kind, open about as long as it still has. Whether it hides
 * its totals shows only while it runs (its options' counts are null then).
 */
export function draftOf(poll: Poll, limits: PollLimits, now = Date.now()): DraftPoll {
  const left = poll.expires_at ? Math.max(0, (new Date(poll.expires_at).getTime() - now) / 1000) : DEFAULT_DURATION;
  return {
    options: poll.options.map((o) => o.title),
    expiresIn: closestDuration(left, durationChoices(limits)),
    multiple: poll.multiple,
    hideTotals: !poll.expired && poll.options.every((o) => o.votes_count === null),
  };
}

/** Two options say the same (the server refuses that). */
export function repeatsOption(poll: DraftPoll): boolean {
  const written = poll.options.map((o) => o.trim()).filter((o) => o.length > 0);
  return new Set(written).size !== written.length;
}

/** Whether the server would take it: every option written, none twice. */
export const pollReady = (poll: DraftPoll): boolean => poll.options.every((o) => o.trim().length > 0) && !repeatsOption(poll);

/** The `poll` parameter of POST and PUT /api/v1/statuses. */
export const pollParams = (poll: DraftPoll) => ({ options: poll.options.map((o) => o.trim()), expires_in: poll.expiresIn, multiple: poll.multiple, hide_totals: poll.hideTotals });

export function useDraftPoll(editing: Status | undefined, limits: PollLimits | undefined) {
  const rules = limits ?? DEFAULT_POLL_LIMITS;
  const [poll, setPoll] = useState<DraftPoll | null>(() => (editing?.poll ? draftOf(editing.poll, rules) : null));
  const change = (patch: (p: DraftPoll) => Partial<DraftPoll>) => setPoll((p) => (p ? { ...p, ...patch(p) } : p));
  return {
    poll,
    limits: rules,
    durations: durationChoices(rules),
    start: () => setPoll(emptyPoll(rules)),
    /** takes the poll off */
    clear: () => setPoll(null),
    setOption: (index: number, text: string) => change((p) => ({ options: p.options.map((o, i) => (i === index ? text : o)) })),
    addOption: () => change((p) => ({ options: p.options.length < rules.max_options ? [...p.options, ''] : p.options })),
    removeOption: (index: number) => change((p) => ({ options: p.options.length > 2 ? p.options.filter((_, i) => i !== index) : p.options })),
    setExpiresIn: (expiresIn: number) => change(() => ({ expiresIn })),
    setMultiple: (multiple: boolean) => change(() => ({ multiple })),
    setHideTotals: (hideTotals: boolean) => change(() => ({ hideTotals })),
    /** no poll, or one the server would take */
    ready: poll === null || pollReady(poll),
  };
}

export type DraftPollState = ReturnType<typeof useDraftPoll>;
