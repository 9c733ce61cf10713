// parley start | migrate | account ...: the command line, the only place that reads the environment.
import { accountCommand, ACCOUNT_USAGE, UsageError } from './cli/account.ts';
import { announcementsCommand, ANNOUNCEMENTS_USAGE } from './cli/announcements.ts';
import { createProgress } from './cli/progress.ts';
import { trendsCommand, TRENDS_USAGE } from './cli/trends.ts';
import { STARTED_BY_FIRST, startWebProcesses } from './cli/web-processes.ts';
import { createApp, type ParleyApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { ValidationError } from './core/errors.ts';
import { logFedifyTo } from './federation/fedify-log.ts';
import { PARLEY_VERSION } from './version.ts';
import { openDatabase, runMigrations } from './store/db.ts';

const USAGE = `Parley ${PARLEY_VERSION}
usage:
  parley start              serve Parley and run its background jobs (PORT, PARLEY_ORIGIN, PARLEY_DATA_DIR, DATABASE_URL, REDIS_URL)
  parley web                serve HTTP only (several web processes share DATABASE_URL and REDIS_URL)
  parley worker             run background jobs only (fan-out, live events)
  parley migrate            apply database migrations
${ACCOUNT_USAGE.replace(/^/gm, '  ')}
${TRENDS_USAGE.replace(/^/gm, '  ')}
${ANNOUNCEMENTS_USAGE.replace(/^/gm, '  ')}`;

async function start(config: Config, role: 'all' | 'web' | 'worker'): Promise<void> {
  logFedifyTo(config.logLevel);
  const progress = createProgress();
  const t0 = performance.now();
  let app: ParleyApp | undefined;
  let others: { stop(): Promise<void> } | undefined;
  let stopping = false;
  async function stop(reason: string, code = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    console.error(`${reason}: stopping…`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    await others?.stop();
    await app?.stop();
    clearTimeout(timer);
    process.exit(code);
  }
  app = await createApp(config, {
    onProgress: (m) => progress.step(m),
    worker: role !== 'web',
    // Exiting non-zero lets a supervisor (systemd, Docker, Kubernetes) start Parley again.
    onDatabaseLost: (error) => {
      console.error(`parley: ${error.message}`);
      void stop('the embedded PostgreSQL is gone', 1);
    },
  });
  if (role === 'worker') progress.done(`Parley ${PARLEY_VERSION} worker ready in ${Math.round(performance.now() - t0)} ms`);
  else {
    const url = await app.listen();
    progress.done(`Parley ${PARLEY_VERSION} ${role === 'web' ? 'web process ' : ''}ready in ${Math.round(performance.now() - t0)} ms at ${url} (public origin ${config.origin})`);
    if (role === 'all' && config.webProcesses > 1) {
      const port = Number(new URL(url).port || 80);
      console.error(`starting ${config.webProcesses - 1} more web process(es) on port ${port}`);
      others = startWebProcesses(config.webProcesses, port, (m) => console.error(m));
    }
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A web process started by `parley start` (PARLEY_WEB_PROCESSES) stops when the first one is gone.
  if (role === 'web' && process.send && process.env[STARTED_BY_FIRST]) process.once('disconnect', () => void stop('the first process is gone'));
}

async function migrate(config: Config): Promise<void> {
  const progress = createProgress();
  progress.step(config.databaseUrl ? 'connecting to PostgreSQL' : 'opening the embedded PostgreSQL');
  // Beside a server running on the data folder, its PostgreSQL is used.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: 'command', log: (m) => progress.step(m) });
  try {
    const report = await runMigrations(database, (m) => progress.step(m));
    progress.done(`database up to date: ${report.applied} migration(s) applied, ${report.total} in all`);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'version' || command === '--version') {
    console.log(PARLEY_VERSION);
    return 0;
  }
  const config = loadConfig(process.env);
  switch (command) {
    case 'start':
    case 'web':
    case 'worker':
      if (command !== 'start' && !config.databaseUrl) {
        console.error(`parley ${command} runs beside other processes: set DATABASE_URL (and REDIS_URL) so they share one database`);
        return 2;
      }
      await start(config, command === 'start' ? 'all' : command);
      return -1; // keeps running
    case 'migrate':
      await migrate(config);
      return 0;
    case 'account':
    case 'trends':
    case 'announcements': {
      const app = await createApp(config, { worker: false, command: true });
      const run = { account: accountCommand, trends: trendsCommand, announcements: announcementsCommand }[command];
      try {
        await run(app, rest, (line) => console.log(line));
      } finally {
        await app.stop();
      }
      return 0;
    }
    default:
      console.error(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError) console.error(error.message);
    else if (error instanceof ValidationError) console.error(error.message);
    else console.error(`parley: ${(error as Error).message ?? error}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
