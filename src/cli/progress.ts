// Progress for long commands: a live line on a terminal, plain timestamped lines otherwise (CI logs).
export interface Progress {
  step(message: string): void;
  done(message: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
  const live = stream.isTTY === true;
  return {
    step(message) {
      if (live) stream.write(`\r\x1b[2K… ${message} (${elapsed()})`);
      else stream.write(`[${elapsed()}] ${message}\n`);
    },
    done(message) {
      if (live) stream.write(`\r\x1b[2K✔ ${message} (${elapsed()})\n`);
      else stream.write(`[${elapsed()}] ${message}\n`);
    },
  };
}
