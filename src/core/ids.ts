import { randomInt } from 'node:crypto';

export type IdGenerator = () => string;

/**
 * Snowflake ids as Mastodon makes them: milliseconds since the epoch in the high bits and a
 * per-process sequence in the low 16, so ids sort by creation time and pagination by id works.
 */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  let sequence = randomInt(0, 0x10000);
  return () => {
    sequence = (sequence + 1) & 0xffff;
    return ((BigInt(now()) << 16n) | BigInt(sequence)).toString();
  };
}

/** The smallest id that could have been made at the given time (for time-based pagination). */
export function idAtTime(ms: number): string {
  return (BigInt(ms) << 16n).toString();
}

/** PostgreSQL's largest bigint, as digits: compared as text, which orders like numbers of equal length. */
const MAX_ID = '9223372036854775807';

/** A well-formed id: decimal digits that fit PostgreSQL's bigint (anything else names nothing). */
export function isId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 19) return false;
  // Every page checks dozens of ids: a loop over the characters, and a number only at full length.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return value.length < 19 || value <= MAX_ID;
}

/** Orders ids as the numbers they are, newest last, without parsing them (no leading zeros). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
