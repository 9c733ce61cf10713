/** Polls `probe` until it returns a truthy value (fan-out is done by background jobs), or fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, ms = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until `clock` reads past `at`, and no longer. Only for tests of an expiry (a time to live,
 * a timed mute): there the passing of wall-clock time is itself what is tested, and no event marks it.
 */
export async function clockPast(at: number, clock: () => number = Date.now): Promise<void> {
  for (let now = clock(); now <= at; now = clock()) await new Promise((r) => setTimeout(r, Math.ceil(at - now) + 1));
}
