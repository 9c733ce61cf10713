// Fedify logs through LogTape, which writes nothing until a process configures it: a signature
// that did not verify, an activity with no listener, a delivery a peer refused were all silent.
// The process (not createApp, which may run twice in one process) sends Fedify's lines to
// Parley's log. Fedify's info lines are one per activity sent or received: Parley's debug.
import { configureSync, type LogLevel as LogTapeLevel, type LogRecord } from '@logtape/logtape';
import type { LogLevel, LogSink } from '../infra/log.ts';

const LOWEST: Record<LogLevel, LogTapeLevel> = { error: 'error', warn: 'warning', info: 'warning', debug: 'debug' };
const NAMES: Record<LogTapeLevel, string> = { trace: 'debug', debug: 'debug', info: 'debug', warning: 'warn', error: 'error', fatal: 'error' };

/** One line per record: its message with its values filled in. */
function line(record: LogRecord): string {
  const message = record.message.map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : (JSON.stringify(part) ?? String(part)))).join('');
  return `${new Date(record.timestamp).toISOString()} ${NAMES[record.level]} [${record.category.join('.')}] ${message.replace(/\s*\n\s*/g, ' ')}`;
}

export function logFedifyTo(level: LogLevel, sink: LogSink = (l) => process.stderr.write(`${l}\n`)): void {
  configureSync({
    reset: true,
    sinks: { parley: (record) => sink(line(record)) },
    loggers: [
      { category: 'fedify', lowestLevel: LOWEST[level], sinks: ['parley'] },
      { category: ['logtape', 'meta'], lowestLevel: 'warning', sinks: ['parley'] },
    ],
  });
}
