// Cold and warm start time and idle memory of `parley start`, measured from outside the process.
// Cold: empty data folder (initdb, migrations). Warm: the same folder again.
// Run: node bench/startup.ts   (uses the embedded PostgreSQL; set DATABASE_URL to measure an external
// one: the cold start gets a new empty database on that server, dropped at the end)
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, stopAtEnd } from './lib.ts';
import { endRun, undoAtEnd } from './run-end.ts';
import { freshDatabase, runRedisPrefix } from './stores.ts';

const root = path.resolve(import.meta.dirname, '..');
// With DATABASE_URL or REDIS_URL, the run's own database and Redis prefix (cold means empty there too).
const store: Record<string, string> = {
  ...(process.env.DATABASE_URL ? { DATABASE_URL: await freshDatabase(process.env.DATABASE_URL) } : {}),
  ...(process.env.REDIS_URL ? { PARLEY_REDIS_PREFIX: runRedisPrefix(process.env.REDIS_URL) } : {}),
};

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='])
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const result: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of out)
      if (parent === p) {
        result.push(child!);
        walk(child!);
      }
  };
  walk(pid);
  return result;
}

async function measure(dataDir: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'src/main.ts'), 'start'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir, ...store },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stop = stopAtEnd(child);
  let ready = 0;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('parley start exited before it answered');
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/instance`);
      if (r.ok) {
        ready = performance.now() - started;
        break;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
  for (let i = 0; i < 20; i++) await (await fetch(`http://127.0.0.1:${port}/api/v2/instance`)).text();
  await new Promise((r) => setTimeout(r, 2000)); // let it settle to idle
  const nodeKb = rssKb(child.pid!);
  const pgKb = descendants(child.pid!).reduce((sum, pid) => {
    try {
      return sum + rssKb(pid);
    } catch {
      return sum;
    }
  }, 0);
  await stop();
  return { ready, nodeMb: nodeKb / 1024, pgMb: pgKb / 1024 };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
undoAtEnd(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const rows: string[] = [];
const cold = await measure(dataDir);
rows.push(`cold (empty data folder) | ${cold.ready.toFixed(0)} ms | ${cold.nodeMb.toFixed(0)} MB | ${cold.pgMb.toFixed(0)} MB`);
for (let i = 1; i <= 3; i++) {
  const warm = await measure(dataDir);
  rows.push(`warm #${i} | ${warm.ready.toFixed(0)} ms | ${warm.nodeMb.toFixed(0)} MB | ${warm.pgMb.toFixed(0)} MB`);
}
await endRun();
console.log(`node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model}`);
console.log('start | until first API answer | idle RSS node | idle RSS embedded PostgreSQL (all processes)');
console.log('--- | --- | --- | ---');
for (const r of rows) console.log(r);
