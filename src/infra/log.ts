// Parley's log: lines on standard error, each with its time, level and area, below a level set by
// PARLEY_LOG_LEVEL. Debug lines say what was ignored and why (an inbound activity, a delivery).

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Log {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** the same log, lines marked with `area` */
  area(area: string): Log;
}

export type LogSink = (line: string) => void;

const toStderr: LogSink = (line) => process.stderr.write(`${line}\n`);

export function createLog(level: LogLevel, sink: LogSink = toStderr, area = 'parley'): Log {
  const rank = LOG_LEVELS.indexOf(level);
  const at = (l: LogLevel) => (LOG_LEVELS.indexOf(l) <= rank ? (message: string) => sink(`${new Date().toISOString()} ${l} [${area}] ${message}`) : () => {});
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), area: (name) => createLog(level, sink, name) };
}
