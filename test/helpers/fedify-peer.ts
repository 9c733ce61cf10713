// "Another software": a minimal ActivityPub server written directly with Fedify, with actor shapes
// of its own (a Service actor, no shared inbox, Mastodon-less addressing), for interop tests. It
// accepts every follow at once and records every activity it receives.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createFederation, generateCryptoKeyPair, MemoryKvStore, signRequest, type Context } from '@fedify/fedify';
import { Accept, Activity, Follow, Note, PropertyValue, Question, Service } from '@fedify/vocab';
import type { TestTls } from './tls.ts';

export interface FedifyPeer {
  origin: string;
  handle: string;
  actorUri: URL;
  /** every activity received, newest last, as JSON-LD (compacted) */
  received: Record<string, any>[];
  /** the bodies of the POSTs received, as sent (Fedify's parsing drops terms it does not model) */
  bodies: Record<string, any>[];
  /** files the peer serves at /files/{name} (its posts' media) */
  files: Map<string, { type: string; bytes: Buffer }>;
  /** how each POST to the peer was signed, in arrival order */
  signatures: ('rfc9421' | 'draft-cavage')[];
  context(): Context<void>;
  /** notes the peer serves at /notes/{id} (for Parley to fetch), by id */
  notes: Map<string, Note>;
  /** polls the peer serves at /questions/{id}, by id (changed in place: Parley reads them again) */
  questions: Map<string, Question>;
  /** answer every delivery with 410 Gone from now on, as a server whose account was deleted */
  goAway(): void;
  /** a GET of `url` asking for ActivityPub JSON, signed by the peer's actor (draft-cavage), as its server would fetch */
  signedGet(url: string): Promise<Response>;
  stop(): Promise<void>;
}

/** What the peer's actor says of itself (its name, bio and profile fields). */
export interface PeerProfile {
  name?: string;
  summary?: string;
  fields?: { name: string; value: string }[];
}

export async function startFedifyPeer(tls: TestTls, username = 'relay', profile: PeerProfile = {}): Promise<FedifyPeer> {
  const received: Record<string, any>[] = [];
  const bodies: Record<string, any>[] = [];
  const files: FedifyPeer['files'] = new Map();
  const signatures: FedifyPeer['signatures'] = [];
  const keys = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
  const federation = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true });
  federation
    .setActorDispatcher('/actors/{identifier}', async (ctx, identifier) => {
      if (identifier !== username) return null;
      const pairs = await ctx.getActorKeyPairs(identifier);
      return new Service({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: profile.name ?? 'Peer relay',
        summary: profile.summary ?? 'An independent <b>Fedify</b> server',
        attachments: (profile.fields ?? []).map((f) => new PropertyValue(f)),
        inbox: ctx.getInboxUri(identifier),
        publicKey: pairs[0]?.cryptographicKey ?? null,
      });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === username ? [keys] : []));
  const notes = new Map<string, Note>();
  federation.setObjectDispatcher(Note, '/notes/{id}', (_ctx, values) => notes.get(values.id) ?? null);
  const questions = new Map<string, Question>();
  federation.setObjectDispatcher(Question, '/questions/{id}', (_ctx, values) => questions.get(values.id) ?? null);
  federation.setInboxListeners('/actors/{identifier}/inbox').on(Activity, async (ctx, activity) => {
    received.push((await activity.toJsonLd({ format: 'compact' })) as Record<string, any>);
    if (activity instanceof Follow && activity.actorId) {
      const follower = await activity.getActor(ctx);
      if (follower)
        await ctx.sendActivity(
          { identifier: username },
          follower,
          new Accept({ id: new URL(`#accept/${received.length}`, ctx.getActorUri(username)), actor: ctx.getActorUri(username), object: activity }),
        );
    }
  });

  let gone = false;
  const server = https.createServer({ key: tls.key, cert: tls.cert }, async (req, res) => {
    if (gone && req.method === 'POST') {
      res.writeHead(410).end();
      return;
    }
    if (req.method === 'POST') signatures.push(req.headers['signature-input'] ? 'rfc9421' : 'draft-cavage');
    const url = `https://localhost:${(server.address() as AddressInfo).port}${req.url}`;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    if (req.method === 'POST' && body) bodies.push(JSON.parse(body.toString('utf8')));
    const file = req.method === 'GET' ? files.get(req.url?.match(/^\/files\/([^/?]+)$/)?.[1] ?? '') : undefined;
    if (file) {
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length }).end(file.bytes);
      return;
    }
    const request = new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
    const response = await federation.fetch(request, { contextData: undefined });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  const context = () => federation.createContext(new URL(origin), undefined);
  return {
    origin,
    handle: `${username}@localhost:${new URL(origin).port}`,
    actorUri: context().getActorUri(username),
    received,
    bodies,
    files,
    signatures,
    notes,
    questions,
    context,
    goAway: () => {
      gone = true;
    },
    async signedGet(url) {
      const [pair] = await context().getActorKeyPairs(username);
      const request = new Request(url, { headers: { accept: 'application/activity+json' } });
      return fetch(await signRequest(request, keys.privateKey, pair!.keyId));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
