// A certificate authority made for the test run, trusted by this process only: servers under test
// serve https://localhost:PORT with a certificate it signed, so WebFinger and ActivityPub run over
// real TLS as between real servers.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface TestTls {
  key: string;
  cert: string;
}

let made: TestTls | null | undefined;

/** The test certificate for localhost (null when openssl is missing: callers skip). */
export function testTls(): TestTls | null {
  if (made !== undefined) return made;
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-ca-'));
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Parley test CA');
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=localhost');
    fs.writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.crt', '-days', '2', '-extfile', 'ext.cnf');
    const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), read('ca.crt')]);
    made = { key: read('leaf.key'), cert: read('leaf.crt') };
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    made = null;
  }
  return made;
}
