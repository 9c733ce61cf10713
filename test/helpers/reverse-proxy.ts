// A TLS-terminating reverse proxy in front of a test server, as every public Parley is deployed:
// nginx with the README's configuration (docs/nginx.conf) where nginx is installed, otherwise a
// small proxy here that forwards the way that configuration does (plain HTTP to Parley, `Host`
// without the port as nginx's $host, `X-Forwarded-For` appended, `X-Forwarded-Proto: https`,
// WebSocket upgrades passed through).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestTls } from './tls.ts';

export interface ReverseProxy {
  /** https://localhost:PORT */
  origin: string;
  port: number;
  kind: 'nginx' | 'node';
  stop(): Promise<void>;
}

const NGINX = process.env.PARLEY_TEST_NGINX ?? '/usr/sbin/nginx';
const SAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../docs/nginx.conf');

export const nginxAvailable = (): boolean => fs.existsSync(NGINX);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a proxy serving https://localhost:`port` (a free one by default) in front of
 * 127.0.0.1:`upstreamPort`: nginx when installed, unless `kind` asks for one.
 */
export async function startReverseProxy(options: { tls: TestTls; upstreamPort: number; port?: number; kind?: ReverseProxy['kind'] }): Promise<ReverseProxy> {
  const port = options.port ?? (await freePort());
  const kind = options.kind ?? (nginxAvailable() ? 'nginx' : 'node');
  return kind === 'nginx' ? startNginx(options.tls, options.upstreamPort, port) : startNodeProxy(options.tls, options.upstreamPort, port);
}

/** The README's sample, bound to this test's names, certificate and ports, in a minimal nginx.conf. */
export function nginxConfig(dir: string, upstreamPort: number, port: number): string {
  const sample = fs
    .readFileSync(SAMPLE, 'utf8')
    .replace('listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`)
    .replaceAll('parley.example', 'localhost')
    .replace(/ssl_certificate +\S+;/, `ssl_certificate ${dir}/cert.pem;`)
    .replace(/ssl_certificate_key +\S+;/, `ssl_certificate_key ${dir}/key.pem;`)
    .replace('http://127.0.0.1:3000', `http://127.0.0.1:${upstreamPort}`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`).join('\n');
  return [
    // As root, nginx's workers would otherwise become nobody, who cannot read this private folder.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    temp,
    sample,
    '}',
  ].join('\n');
}

async function startNginx(tls: TestTls, upstreamPort: number, port: number): Promise<ReverseProxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-nginx-'));
  fs.writeFileSync(path.join(dir, 'cert.pem'), tls.cert);
  fs.writeFileSync(path.join(dir, 'key.pem'), tls.key);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, upstreamPort, port));
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  await waitForPort(port, child, () => `${stderr}${readIfThere(path.join(dir, 'error.log'))}`);
  return {
    origin: `https://localhost:${port}`,
    port,
    kind: 'nginx',
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const readIfThere = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Hop-by-hop headers end at the proxy (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function forwardedHeaders(req: http.IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  const client = req.socket.remoteAddress ?? '';
  const previous = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = previous ? `${previous}, ${client}` : client;
  headers['x-forwarded-proto'] = 'https';
  // nginx's $host: the name without its port.
  headers.host = (req.headers.host ?? 'localhost').replace(/:\d+$/, '');
  return headers;
}

async function startNodeProxy(tls: TestTls, upstreamPort: number, port: number): Promise<ReverseProxy> {
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: { ...forwardedHeaders(req), connection: 'close' } }, (answer) => {
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
      res.writeHead(answer.statusCode ?? 502, headers as http.OutgoingHttpHeaders);
      answer.pipe(res);
    });
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
    });
    req.pipe(upstream);
  });
  server.on('upgrade', (req, socket, head) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1', () => {
      const headers = { ...forwardedHeaders(req), upgrade: req.headers.upgrade ?? 'websocket', connection: 'upgrade' };
      const lines = Object.entries(headers).flatMap(([name, value]) => [value].flat().map((v) => `${name}: ${v}`));
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const end = () => (upstream.destroy(), socket.destroy());
    upstream.once('error', end);
    socket.once('error', end);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `https://localhost:${port}`,
    port,
    kind: 'node',
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
