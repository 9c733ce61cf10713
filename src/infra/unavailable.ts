// Whether an error means that a part Parley depends on (PostgreSQL, Redis) cannot be reached right
// now, rather than that the request or the code is wrong: the one place that knows how pg, the
// network and ioredis say so. The doors answer such errors with a 503 the client may retry.
import { DrizzleQueryError } from 'drizzle-orm';

/** The network saying the other end is gone or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL's SQLSTATEs: the server shutting down (57P01 admin, 57P02 crash), starting or
 * recovering (57P03), out of connection slots (53300); class 08 is any connection failure.
 */
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** pg's and pg-pool's own words for a connection lost, closed or not made in time. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end on the pool/,
  // ioredis, once its connection is down and retries are used up
  /^Connection is closed\.?$/,
];

function oneIsUnavailable(error: { code?: unknown; name?: unknown; message?: unknown }): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Looks inside Drizzle's wrapping of pg's errors and a connection's aggregate (a host with several
 * addresses), not through other causes: a remote server refusing a fetch is not Parley's outage.
 */
export function isUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  if (error instanceof DrizzleQueryError) return isUnavailable(error.cause);
  if (error instanceof AggregateError && error.errors.some(isUnavailable)) return true;
  return oneIsUnavailable(error);
}
