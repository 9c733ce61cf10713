// Builds the web app (web/ → web/dist) when its sources changed since the last build. Run by
// `npm install`/`npm ci` (prepare), before `npm start` (prestart), and by the browser tests; a
// fingerprint of the sources makes the repeat runs free.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'web');
const DIST = path.join(WEB, 'dist');
const STAMP = path.join(DIST, '.sources');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? [] : files(full);
    return [full];
  });
}

/** Everything the bundle depends on: the app's sources and the exact versions of its packages. */
function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of [...files(WEB), path.join(ROOT, 'package-lock.json')].sort()) {
    hash.update(path.relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

const LOCK = path.join(WEB, '.build-lock');
const STALE_LOCK_MS = 120_000;

/** One build at a time: test files run in parallel processes, and a build empties web/dist first. */
async function withLock<T>(run: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = fs.statSync(LOCK, { throwIfNoEntry: false });
      // A build that died leaves its lock behind; after two minutes it is not a build any more.
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await run();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function fresh(wanted: string): boolean {
  const current = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8') : '';
  return current === wanted && fs.existsSync(path.join(DIST, 'index.html'));
}

export async function ensureWebBuild(options: { force?: boolean; quiet?: boolean } = {}): Promise<'built' | 'fresh'> {
  const wanted = fingerprint();
  if (!options.force && fresh(wanted)) return 'fresh';
  return withLock(async () => {
    // Another process may have built it while this one waited.
    if (!options.force && fresh(wanted)) return 'fresh';
    const { build } = await import('vite');
    await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
    fs.writeFileSync(STAMP, wanted);
    return 'built';
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const force = process.argv.includes('--force');
  const result = await ensureWebBuild({ force });
  if (result === 'fresh') console.log('web app: up to date (web/dist)');
}
