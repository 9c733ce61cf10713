// One way to turn any failure into a Mastodon-style JSON error.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CoreError, ValidationError, type ValidationDetails } from '../core/errors.ts';
import { isUnavailable } from '../infra/unavailable.ts';

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly description: string | undefined;
  readonly details: ValidationDetails | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(status: ContentfulStatusCode, message: string, extra: { description?: string; details?: ValidationDetails; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.description = extra.description;
    this.details = extra.details;
    this.headers = extra.headers;
  }
}

const CORE_STATUS: Record<CoreError['kind'], ContentfulStatusCode> = {
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  validation: 422,
  conflict: 409,
  gone: 410,
  unavailable: 503,
  rate_limited: 429,
};

export interface ErrorBody {
  error: string;
  error_description?: string;
  details?: ValidationDetails;
}

/** Seconds a client is asked to wait while the database or Redis cannot be reached (a restart takes a few). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Maps an error to status and body: the database or Redis out of reach is a 503 to retry later;
 * anything else unexpected becomes a 500 that reveals nothing internal.
 */
export function describeError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody; headers?: Record<string, string>; unexpected: boolean } {
  if (error instanceof ApiError) {
    const body: ErrorBody = { error: error.message };
    if (error.description) body.error_description = error.description;
    if (error.details) body.details = error.details;
    return { status: error.status, body, ...(error.headers ? { headers: error.headers } : {}), unexpected: false };
  }
  if (error instanceof ValidationError) return { status: 422, body: { error: error.message, details: error.details }, unexpected: false };
  if (error instanceof CoreError) return { status: CORE_STATUS[error.kind], body: { error: error.message }, unexpected: false };
  if (isUnavailable(error)) {
    return { status: 503, body: { error: 'Service temporarily unavailable; try again shortly' }, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) }, unexpected: false };
  }
  return { status: 500, body: { error: 'Internal server error' }, unexpected: true };
}

export function errorResponse(c: Context, error: unknown): Response {
  const { status, body, headers, unexpected } = describeError(error);
  if (unexpected) console.error(`[parley] ${c.req.method} ${c.req.path} failed:`, error);
  if (headers) for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(body, status);
}

export const notFound = (what = 'Record not found') => new ApiError(404, what);

/**
 * The error of a request no route answers, as Mastodon words it (its HTTP status's name): apart
 * from "Record not found", a route's answer for a record that does not exist.
 */
export const ROUTE_NOT_FOUND = 'Not Found';
