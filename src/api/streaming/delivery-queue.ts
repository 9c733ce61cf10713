// Deliveries on one channel stay in order (an update must not overtake its own delete). A
// message arriving on idle channels is delivered to all of them as one batch: one parse, one
// render, one loop, instead of a chain of promises per channel.

export function deliveryFailed(error: unknown): void {
  console.error('[streaming] delivery failed:', error);
}

/** Returns what to call with each message heard on a channel; `deliver` gets it, in order. */
export function createDeliveryQueue(deliver: (channels: string[], raw: string) => Promise<void>): (ch: string, raw: string) => void {
  const queues = new Map<string, Promise<void>>();
  const openBatches = new Map<string, { channels: string[]; done: Promise<void> }>();
  return (ch, raw) => {
    const pending = queues.get(ch);
    if (pending) {
      const next = pending.then(() => deliver([ch], raw)).catch(deliveryFailed);
      queues.set(ch, next);
      void next.then(() => {
        if (queues.get(ch) === next) queues.delete(ch);
      });
      return;
    }
    let batch = openBatches.get(raw);
    if (!batch) {
      const channels: string[] = [];
      // Runs once the publishing loop is over, with every channel that joined meanwhile.
      const done: Promise<void> = Promise.resolve()
        .then(() => {
          openBatches.delete(raw);
          return deliver(channels, raw);
        })
        .catch(deliveryFailed)
        .then(() => {
          for (const c of channels) if (queues.get(c) === done) queues.delete(c);
        });
      openBatches.set(raw, (batch = { channels, done }));
    }
    batch.channels.push(ch);
    queues.set(ch, batch.done);
  };
}
