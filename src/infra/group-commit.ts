// Group commit: concurrent writes of the same kind share one statement (so do concurrent reads of
// home pages in the PostgreSQL feed store). The first goes out at once; those arriving while
// statements are under way wait for one to finish and then go out together, so a quiet server adds
// no delay and a busy one makes fewer, larger statements (each statement's round trip, parsing,
// executor start and commit are paid once for the group). A statement that fails for a group is
// tried again for each item alone, so one bad write fails alone and the others land.

export interface GroupCommitOptions {
  /** writes in one statement at most */
  maxGroup: number;
  /** statements under way at once */
  concurrency: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** `run` writes a group and returns one result per item, in order. */
export function createGroupCommit<T, R>(run: (items: T[]) => Promise<R[]>, options: GroupCommitOptions) {
  let waiting: Waiting<T, R>[] = [];
  let running = 0;

  async function alone(w: Waiting<T, R>): Promise<void> {
    try {
      const [result] = await run([w.item]);
      w.resolve(result as R);
    } catch (error) {
      w.reject(error);
    }
  }

  async function flush(): Promise<void> {
    const group = waiting.slice(0, options.maxGroup);
    waiting = waiting.slice(group.length);
    running++;
    try {
      if (group.length === 1) await alone(group[0]!);
      else {
        let results: R[] | undefined;
        try {
          results = await run(group.map((w) => w.item));
        } catch {
          results = undefined;
        }
        if (results && results.length === group.length) for (const [i, w] of group.entries()) w.resolve(results[i]!);
        // One after another: the retries hold this statement's place, not all the connections.
        else for (const w of group) await alone(w);
      }
    } finally {
      running--;
      if (waiting.length > 0 && running < options.concurrency) void flush();
    }
  }

  return {
    submit(item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (running < options.concurrency) void flush();
      });
    },
  };
}

export type GroupCommit<T, R> = ReturnType<typeof createGroupCommit<T, R>>;
