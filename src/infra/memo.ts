/**
 * Remembers the result of an async function for `ttlMs`; concurrent callers share one call, and a
 * failed call is forgotten at once. For values where a few seconds of staleness is harmless.
 */
export function memo<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  let expires = 0;
  return () => {
    const now = Date.now();
    if (!value || now >= expires) {
      expires = now + ttlMs;
      value = load();
      value.catch(() => {
        value = undefined;
      });
    }
    return value;
  };
}
