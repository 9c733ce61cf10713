// Mastodon's AsyncRefresh, and the header naming one on the answer whose work it continues.
import type { Context } from 'hono';
import type { AsyncRefresh } from '../../../core/async-refreshes.ts';

export function serializeAsyncRefresh(r: AsyncRefresh) {
  return { async_refresh: { id: r.id, status: r.status, result_count: r.resultCount } };
}

/** `Mastodon-Async-Refresh: id="…", retry=N`: what to poll, and how many seconds to wait first. */
export function setAsyncRefreshHeader(c: Context, r: AsyncRefresh | null, retrySeconds: number): void {
  if (r?.status === 'running') c.header('Mastodon-Async-Refresh', `id="${r.id}", retry=${retrySeconds}`);
}
