// Waking a batch queue's workers: a worker with nothing to claim sleeps until its queue is woken
// (an enqueuing transaction committed, here or, through the bus, in another process) or until the
// poll, which bounds how late a lost wake-up is noticed.
export interface BatchWakeups {
  /** Marks the queue as having new work and wakes its sleeping workers. */
  wake(queue: string): void;
  /** Resolves when the queue is woken, or after the poll. */
  sleep(queue: string): Promise<void>;
  /** The queue was woken since `settle` (a claim may have missed the new work). */
  woken(queue: string): boolean;
  /** Called before a claim: later wake-ups mark the queue again. */
  settle(queue: string): void;
  /** Wakes every sleeping worker (stopping). */
  wakeAll(): void;
}

export function createBatchWakeups(pollMs: number): BatchWakeups {
  const waiting = new Map<string, Set<() => void>>();
  const dirty = new Set<string>();

  function wake(queue: string): void {
    dirty.add(queue);
    const set = waiting.get(queue);
    if (!set) return;
    waiting.delete(queue);
    for (const resolve of set) resolve();
  }

  function sleep(queue: string): Promise<void> {
    return new Promise((resolve) => {
      let set = waiting.get(queue);
      if (!set) waiting.set(queue, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      set.add(done);
    });
  }

  return {
    wake,
    sleep,
    woken: (queue) => dirty.has(queue),
    settle: (queue) => void dirty.delete(queue),
    wakeAll() {
      for (const queue of [...waiting.keys()]) wake(queue);
    },
  };
}
