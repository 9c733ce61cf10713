// A poll as a post (or an edit) gives it, checked as Mastodon checks it: 2 to 4 options, each
// non-blank, at most 50 characters and different from the others; open 5 minutes to 30 days.
import { ValidationError } from '../errors.ts';

export interface PollInput {
  options: readonly string[];
  /** seconds from now */
  expiresIn: number;
  multiple?: boolean | undefined;
  hideTotals?: boolean | undefined;
}

/** A checked poll, ready to write. */
export interface PollSpec {
  options: string[];
  expiresAt: Date;
  multiple: boolean;
  hideTotals: boolean;
}

export const POLL_LIMITS = { maxOptions: 4, minOptions: 2, maxCharactersPerOption: 50, minExpiration: 300, maxExpiration: 30 * 24 * 3600 } as const;

const refuse = (description: string) => new ValidationError({ poll: [{ error: 'ERR_INVALID', description }] });

export function checkPoll(input: PollInput, now = new Date()): PollSpec {
  const options = input.options.map((o) => o.trim());
  if (options.length < POLL_LIMITS.minOptions) throw refuse(`must have at least ${POLL_LIMITS.minOptions} options`);
  if (options.length > POLL_LIMITS.maxOptions) throw refuse(`may have at most ${POLL_LIMITS.maxOptions} options`);
  if (options.some((o) => o === '')) throw refuse('options cannot be blank');
  if (options.some((o) => [...o].length > POLL_LIMITS.maxCharactersPerOption)) throw refuse(`options may be at most ${POLL_LIMITS.maxCharactersPerOption} characters long`);
  if (new Set(options).size !== options.length) throw refuse('options must be different from each other');
  if (!Number.isSafeInteger(input.expiresIn) || input.expiresIn < POLL_LIMITS.minExpiration) throw refuse(`must stay open at least ${POLL_LIMITS.minExpiration} seconds`);
  if (input.expiresIn > POLL_LIMITS.maxExpiration) throw refuse(`may stay open at most ${POLL_LIMITS.maxExpiration} seconds`);
  return { options, expiresAt: new Date(now.getTime() + input.expiresIn * 1000), multiple: input.multiple ?? false, hideTotals: input.hideTotals ?? false };
}

/** Whether a status has finished taking votes. */
export const pollExpired = (poll: { expiresAt: Date | null; closedAt: Date | null }, now = Date.now()): boolean =>
  poll.closedAt !== null || (poll.expiresAt !== null && poll.expiresAt.getTime() <= now);
