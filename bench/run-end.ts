// What a benchmark run makes outside itself (a database, Redis keys, server processes) is undone
// when the run ends, however it ends: after its last line, on an error, or on Ctrl-C. So the next
// run starts on clean servers, with no manual cleaning in between.

const pending: (() => Promise<void>)[] = [];
let ending: Promise<void> | undefined;
let exiting = false;

/**
 * Registers `undo` for the end of the run; the function returned runs it now instead (once, whoever
 * calls first). Undos run in reverse order of registration: servers stop before their database goes.
 */
export function undoAtEnd(undo: () => unknown): () => Promise<void> {
  listen();
  let done: Promise<void> | undefined;
  const once = (): Promise<void> => {
    if (!done) {
      const at = pending.indexOf(once);
      if (at >= 0) pending.splice(at, 1);
      done = Promise.resolve()
        .then(undo)
        .then(() => undefined);
    }
    return done;
  };
  pending.push(once);
  return once;
}

/** Undoes everything still registered, newest first; a failing undo is reported, the others still run. */
export function endRun(): Promise<void> {
  ending ??= (async () => {
    while (pending.length > 0) await pending.at(-1)!().catch((error: unknown) => console.error('while cleaning up:', error));
    ending = undefined;
  })();
  return ending;
}

let listening = false;
function listen(): void {
  if (listening) return;
  listening = true;
  const endAndExit = (code: number) => {
    if (exiting) return;
    exiting = true;
    void endRun().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => endAndExit(130));
  process.once('SIGTERM', () => endAndExit(143));
  // A failed top-level await lands here too: the error is shown, then the run's leftovers go.
  process.on('uncaughtException', (error) => {
    console.error(error);
    endAndExit(1);
  });
}
