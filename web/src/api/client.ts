// Every request the app makes goes through here: the bearer token, JSON in and out, Mastodon-style
// errors turned into ApiError, and the Link header's next page.
import { storedToken } from '../auth/storage.ts';

export class ApiError extends Error {
  readonly status: number;
  /** field → messages, from 422 validation errors */
  readonly details: Record<string, { error: string; description: string }[]>;
  constructor(status: number, message: string, details: ApiError['details'] = {}) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** overrides the signed-in user's token (sign-up uses the app's own) */
  token?: string | null;
  headers?: Record<string, string>;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = options.token === undefined ? storedToken() : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body });
  if (!response.ok) {
    const data = (await response.json().catch(() => ({}))) as { error?: string; error_description?: string; details?: ApiError['details'] };
    throw new ApiError(response.status, data.error_description ?? data.error ?? response.statusText, data.details ?? {});
  }
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  return (await response.json()) as T;
}

export interface Page<T> {
  items: T[];
  /** the API path of the next (older) page, if any */
  next: string | null;
}

export async function apiPage<T>(path: string, options: RequestOptions = {}): Promise<Page<T>> {
  const response = await send(path, options);
  const items = (await response.json()) as T[];
  const link = response.headers.get('Link') ?? '';
  const next = /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
  return { items, next: next && items.length > 0 ? new URL(next, location.origin).pathname + new URL(next, location.origin).search : null };
}

/** Query strings with repeated keys for lists (types[]=a&types[]=b). */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
