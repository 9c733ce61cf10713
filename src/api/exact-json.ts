// JSON from clients, with integers too large for a JavaScript number kept exact. Mastodon.py (and
// any client that holds ids as integers) sends ids as JSON numbers, such as "last_read_id":
// 117740905082192922; JSON.parse alone would round it to 117740905082192930, another status.

/** Sixteen digits in a row: no integer past Number.MAX_SAFE_INTEGER is written with fewer. */
const LONG_DIGITS = /\d{16}/;
const INTEGER = /^-?\d+$/;

/**
 * An integer past Number.MAX_SAFE_INTEGER becomes its digits as sent (a string, which the
 * parameter schemas read as an id, or refuse as a number out of range); other values are JSON's.
 * Node 24's JSON.parse hands a reviver each primitive's source text.
 */
function exactIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value !== 'number' || Number.isSafeInteger(value) || context?.source === undefined) return value;
  return INTEGER.test(context.source) ? context.source : value;
}

/** JSON.parse, keeping large integers exact; throws as JSON.parse does. */
export function parseJson(text: string): unknown {
  // The reviver costs a call per value: only bodies that may hold a large integer pay it.
  return LONG_DIGITS.test(text) ? JSON.parse(text, exactIntegers) : JSON.parse(text);
}
