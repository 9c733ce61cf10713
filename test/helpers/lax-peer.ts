// A peer that behaves like much of the fediverse (snac, and servers that verify in a queue): it
// answers 202 to every POST at once, and only afterwards checks the request's draft-cavage
// signature, dropping whatever does not verify (an RFC 9421 signature included). It speaks raw
// JSON with the ActivityStreams context alone (no `Hashtag` term) and signs what it sends with
// draft-cavage. Written by hand with node:crypto, not with Fedify, so that it shares none of
// Parley's code.
import crypto from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestTls } from './tls.ts';

type Json = Record<string, any>;

export interface LaxPeer {
  origin: string;
  handle: string;
  actorUri: string;
  /** activities whose draft-cavage signature verified, in arrival order */
  accepted: Json[];
  /** POSTs dropped after their 202, with why */
  refused: { id: string | undefined; reason: string }[];
  /** the User-Agent of every request made to the peer */
  userAgents: string[];
  /** raw JSON documents served at /notes/{id} */
  notes: Map<string, Json>;
  /** files served at /files/{name} (its posts' media); each GET of one is counted in `fetched` */
  files: Map<string, { type: string; bytes: Buffer }>;
  fetched: string[];
  /** POSTs `activity` to `inbox`, signed with draft-cavage */
  send(activity: Json, inbox: string): Promise<Response>;
  /** resolves when every POST received so far has been checked */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const CONTEXT = 'https://www.w3.org/ns/activitystreams';

/** `keyId="…",headers="…",signature="…"` as an object; null when it is not draft-cavage's shape. */
function cavageParameters(header: string | undefined): Record<string, string> | null {
  if (!header) return null;
  const params = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  return params.keyId && params.signature && params.headers ? params : null;
}

function signingString(method: string, path: string, names: string[], header: (name: string) => string | undefined): string {
  return names.map((name) => (name === '(request-target)' ? `${name}: ${method.toLowerCase()} ${path}` : `${name}: ${header(name) ?? ''}`)).join('\n');
}

const digestOf = (body: Buffer | string) => `SHA-256=${crypto.createHash('sha256').update(body).digest('base64')}`;

export async function startLaxPeer(tls: TestTls, username = 'snacky'): Promise<LaxPeer> {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const accepted: Json[] = [];
  const refused: LaxPeer['refused'] = [];
  const userAgents: string[] = [];
  const notes = new Map<string, Json>();
  const files: LaxPeer['files'] = new Map();
  const fetched: string[] = [];
  const checks: Promise<void>[] = [];
  let origin = '';
  const actorUri = () => `${origin}/users/${username}`;

  const actor = () => ({
    '@context': [CONTEXT, 'https://w3id.org/security/v1'],
    id: actorUri(),
    type: 'Person',
    preferredUsername: username,
    name: 'Lax peer',
    inbox: `${actorUri()}/inbox`,
    outbox: `${actorUri()}/outbox`,
    followers: `${actorUri()}/followers`,
    endpoints: { sharedInbox: `${origin}/shared-inbox` },
    publicKey: { id: `${actorUri()}#main-key`, owner: actorUri(), publicKeyPem },
  });

  async function send(activity: Json, inbox: string): Promise<Response> {
    const body = JSON.stringify(activity);
    const url = new URL(inbox);
    const headers: Record<string, string> = { host: url.host, date: new Date().toUTCString(), digest: digestOf(body), 'content-type': 'application/activity+json' };
    const names = ['(request-target)', 'host', 'date', 'digest', 'content-type'];
    const signature = crypto.sign('sha256', Buffer.from(signingString('POST', url.pathname, names, (n) => headers[n])), privateKey).toString('base64');
    headers.signature = `keyId="${actorUri()}#main-key",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`;
    return fetch(url, { method: 'POST', headers, body });
  }

  async function publicKeyOf(keyId: string): Promise<string> {
    const response = await fetch(keyId.replace(/#.*$/, ''), { headers: { accept: 'application/activity+json' } });
    if (!response.ok) throw new Error(`key ${keyId}: ${response.status}`);
    const document = (await response.json()) as Json;
    const key = [document.publicKey].flat().find((k: Json) => k?.id === keyId) ?? document.publicKey;
    if (!key?.publicKeyPem) throw new Error(`no key ${keyId} in ${JSON.stringify(document).slice(0, 200)}`);
    return key.publicKeyPem;
  }

  /** The checks such servers make in their queue, after the 202. */
  async function verify(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<void> {
    let activity: Json = {};
    try {
      activity = JSON.parse(body.toString('utf8'));
    } catch {
      refused.push({ id: undefined, reason: 'not JSON' });
      return;
    }
    const header = (name: string) => [headers[name]].flat()[0];
    const refuse = (reason: string) => void refused.push({ id: activity.id, reason });
    const params = cavageParameters(header('signature'));
    if (!params) return refuse(header('signature-input') ? 'signed with RFC 9421, which this server does not verify' : 'no signature');
    if (header('digest') !== digestOf(body)) return refuse('digest does not match the body');
    const names = params.headers!.split(' ');
    if (!names.includes('digest') || !names.includes('(request-target)')) return refuse('signature does not cover the digest and target');
    let pem: string;
    try {
      pem = await publicKeyOf(params.keyId!);
    } catch (error) {
      return refuse(`key unreadable: ${(error as Error).message}`);
    }
    const ok = crypto.verify('sha256', Buffer.from(signingString(method, path, names, header)), pem, Buffer.from(params.signature!, 'base64'));
    if (!ok) return refuse('bad signature');
    accepted.push(activity);
    if (activity.type === 'Follow' && (activity.object?.id ?? activity.object) === actorUri()) await acceptFollow(activity);
  }

  async function acceptFollow(follow: Json): Promise<void> {
    const follower = (await (await fetch(follow.actor, { headers: { accept: 'application/activity+json' } })).json()) as Json;
    await send({ '@context': CONTEXT, id: `${origin}/accepts/${accepted.length}`, type: 'Accept', actor: actorUri(), object: follow }, follower.inbox);
  }

  const server = https.createServer({ key: tls.key, cert: tls.cert }, async (req, res) => {
    userAgents.push(req.headers['user-agent'] ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', origin);
    const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/activity+json' }).end(JSON.stringify(value));
    if (req.method === 'POST') {
      // Accepted first, checked later: a 202 that says nothing about the signature.
      res.writeHead(202).end();
      checks.push(verify('POST', url.pathname, req.headers, Buffer.concat(chunks)));
      return;
    }
    if (url.pathname === '/.well-known/webfinger' && url.searchParams.get('resource') === `acct:${username}@${new URL(origin).host}`) {
      return json(200, { subject: `acct:${username}@${new URL(origin).host}`, links: [{ rel: 'self', type: 'application/activity+json', href: actorUri() }] });
    }
    if (url.pathname === `/users/${username}`) return json(200, actor());
    const file = files.get(url.pathname.match(/^\/files\/([^/]+)$/)?.[1] ?? '');
    if (file) {
      fetched.push(url.pathname);
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length }).end(file.bytes);
      return;
    }
    const note = url.pathname.match(/^\/notes\/([^/]+)$/);
    if (note && notes.has(note[1]!)) return json(200, notes.get(note[1]!));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    handle: `${username}@${new URL(origin).host}`,
    actorUri: actorUri(),
    accepted,
    refused,
    userAgents,
    notes,
    files,
    fetched,
    send,
    async settled() {
      for (let seen = -1; seen !== checks.length; ) {
        seen = checks.length;
        await Promise.all(checks);
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
