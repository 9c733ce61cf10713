// Parley's OpenAPI document (/api/parley/v1/openapi.json) against the API it describes: it names
// every route of docs/events.md, its references resolve, and every answer of every kind of
// operation (a Q&A, a briefing's hands, a coverage event's updates, the export, the errors)
// conforms to it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { type ParleyConformance, parleyConformance } from '../helpers/parley-openapi.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

type Json = Record<string, any>;
const hour = 3600_000;

/** The routes of docs/events.md's table, as `METHOD /events/{id}` (a cell may name several). */
function documentedRoutes(): string[] {
  const md = fs.readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
  const routes: string[] = [];
  for (const line of md.split('\n').filter((l) => /^\| `(GET|POST|PATCH|DELETE) /.test(l))) {
    const cell = line.split('|')[1]!;
    const [first, ...more] = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const [method, path] = first!.split(' ') as [string, string];
    const template = path.replace(/:([a-z_]+)/g, '{$1}');
    routes.push(`${method} ${template}`);
    for (const other of more) routes.push(other.startsWith('/') ? `${method} ${template.replace(/\/[^/]+$/, other)}` : `${other} ${template}`);
  }
  return routes;
}

/** Every `$ref` in the document, with whether it points somewhere. */
function references(document: Json): { ref: string; found: boolean }[] {
  const found: { ref: string; found: boolean }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          const target = v
            .slice(2)
            .split('/')
            .reduce<any>((n, key) => n?.[key], document);
          found.push({ ref: v, found: target !== undefined });
        } else walk(v);
      }
    }
  };
  walk(document);
  return found;
}

describe('events: the OpenAPI document', () => {
  let server: TestServer;
  let document: Json;
  let spec: ParleyConformance;
  const problems: string[] = [];

  before(async () => {
    server = await startServer();
    const served = await call(server.url, '/api/parley/v1/openapi.json');
    assert.equal(served.status, 200);
    document = served.body;
    spec = parleyConformance(document);
  });
  after(() => server.stop());

  /** A call to the events API whose answer is checked against the document. */
  async function api(method: string, path: string, token?: string, json?: Record<string, unknown>) {
    const r = await call(server.url, `/api/parley/v1${path}`, { method, ...(token ? { token } : {}), ...(json ? { json } : {}) });
    const found = spec.check(method, `/api/parley/v1${path}`, r.status, r.headers.get('content-type') ?? '', r.body);
    problems.push(...found);
    assert.deepEqual(found, [], `${method} ${path} answered ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r;
  }
  const ok = async (method: string, path: string, token?: string, json?: Record<string, unknown>) => {
    const r = await api(method, path, token, json);
    assert.equal(r.status, 200, `${method} ${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const create = (token: string, kind: string, hashtag: string) =>
    ok('POST', '/events', token, {
      kind,
      title: `A ${kind}`,
      description: 'Described.',
      language: 'en',
      translations: [{ language: 'de', title: `Ein ${kind}`, description: 'Beschrieben.' }],
      starts_at: new Date(Date.now() - 60_000).toISOString(),
      ends_at: new Date(Date.now() + hour).toISOString(),
      hashtag,
    });

  it('describes every route of docs/events.md, and its references resolve', () => {
    assert.equal(document.openapi, '3.1.0');
    assert.deepEqual([...documentedRoutes()].sort(), [...spec.operations()].sort());
    const broken = references(document).filter((r) => !r.found);
    assert.deepEqual(broken, []);
    for (const [template, item] of Object.entries(document.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        const declared = (op.parameters ?? []).map((p: Json) => (p.$ref ? document.components.parameters[p.$ref.split('/').pop()] : p)).filter((p: Json) => p.in === 'path');
        const inTemplate = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        assert.deepEqual(declared.map((p: Json) => p.name).sort(), inTemplate.sort(), `${method} ${template}: path parameters`);
      }
    }
    const operationIds = Object.values(document.paths as Json).flatMap((i) => Object.values(i as Json).map((op) => op.operationId));
    assert.equal(new Set(operationIds).size, spec.operations().length, 'operation ids are unique');
  });

  it('bites: the helper finds an entity with a field too many or too few, and an answer not described', () => {
    const hand = {
      account: { id: '1', username: 'a', acct: 'a', display_name: '', avatar: 'https://x.example/a.png', url: 'https://x.example/@a' },
      raised_at: new Date().toISOString(),
      called_at: null,
    };
    assert.deepEqual(spec.entity('Hand', hand), []);
    assert.notDeepEqual(spec.entity('Hand', { ...hand, extra: 1 }), []);
    assert.notDeepEqual(spec.entity('Hand', { account: hand.account, called_at: null }), []);
    assert.notDeepEqual(spec.check('GET', '/api/parley/v1/events/1/hands', 418, 'application/json', {}), []);
    assert.notDeepEqual(spec.check('GET', '/api/parley/v1/nothing', 200, 'application/json', {}), []);
  });

  it('a Q&A: every answer conforms, errors too', async () => {
    const [host, mod, ana, ben] = [await signUp(server.url, 'oahost'), await signUp(server.url, 'oamod'), await signUp(server.url, 'oaana'), await signUp(server.url, 'oaben')];
    const event = await create(host.token, 'qa', 'OpenQA');
    await ok('GET', '/openapi.json');
    await ok('GET', '/events');
    await ok('GET', `/events?account_id=${event.account.id}&state=live`, ana.token);
    await ok('GET', `/events/${event.id}`);
    await ok('PATCH', `/events/${event.id}`, host.token, { title: 'A Q&A, renamed', premoderated: true });
    await ok('POST', `/events/${event.id}/participants`, host.token, { acct: 'oamod', role: 'moderator' });
    const cohost = await signUp(server.url, 'oaco');
    const added = await ok('POST', `/events/${event.id}/participants`, host.token, { acct: 'oaco', role: 'cohost' });
    assert.equal((await ok('GET', `/events/${event.id}/participants`)).length, 2);
    await ok('DELETE', `/events/${event.id}/participants/${added.account.id}`, host.token);
    assert.ok(cohost.token);

    const first = await ok('POST', `/events/${event.id}/questions`, ana.token, { text: 'First?', language: 'en' });
    const dup = await ok('POST', `/events/${event.id}/questions`, ben.token, { text: 'First, again?' });
    const later = await ok('POST', `/events/${event.id}/questions`, ana.token, { text: 'Later?' });
    const gone = await ok('POST', `/events/${event.id}/questions`, ben.token, { text: 'Never mind' });
    await ok('GET', `/events/${event.id}/questions?state=pending&order=new`, mod.token);
    await ok('GET', `/events/${event.id}/questions/${first.id}`, ana.token);
    for (const q of [first, dup, later]) await ok('POST', `/events/${event.id}/questions/${q.id}/approve`, mod.token);
    await ok('POST', `/events/${event.id}/questions/${first.id}/vote`, ben.token);
    await ok('DELETE', `/events/${event.id}/questions/${first.id}/vote`, ben.token);
    await ok('POST', `/events/${event.id}/questions/${dup.id}/vote`, host.token);
    await ok('POST', `/events/${event.id}/questions/${dup.id}/merge`, mod.token, { into_id: first.id });
    await ok('POST', `/events/${event.id}/questions/${gone.id}/hide`, mod.token);
    await ok('DELETE', `/events/${event.id}/questions/${gone.id}`, ben.token);
    const prepared = await ok('POST', `/events/${event.id}/questions/${first.id}/answer`, host.token, { status: 'Soon.', release: false });
    assert.equal(prepared.answer.released, false);
    const released = await ok('POST', `/events/${event.id}/questions/${first.id}/answer/release`, host.token);
    assert.equal(released.state, 'answered');
    await ok('POST', `/events/${event.id}/questions/${later.id}/answered`, mod.token);
    await ok('GET', `/events/${event.id}/questions?order=answered`);
    await ok('GET', `/events/${event.id}/questions`, ben.token);

    // The export: JSON is checked against EventExport, Markdown is a string.
    const exported = await ok('GET', `/events/${event.id}/export?format=json`, mod.token);
    assert.equal(exported.questions.length, 2);
    await ok('GET', `/events/${event.id}/export?format=markdown`, host.token);

    // Errors are described, and are Mastodon's.
    assert.equal((await api('POST', '/events', undefined, { kind: 'qa' })).status, 401);
    assert.equal((await api('POST', `/events/${event.id}/end`, ana.token)).status, 403);
    assert.equal((await api('GET', '/events/99999')).status, 404);
    assert.equal((await api('GET', `/events/${event.id}/questions/${gone.id}`, ana.token)).status, 404);
    assert.equal((await api('POST', '/events', host.token, { kind: 'qa' })).status, 400, 'required fields missing');
    assert.equal((await api('POST', `/events/${event.id}/questions/${first.id}/merge`, mod.token, {})).status, 400);
    const invalid = await api('POST', '/events', host.token, { kind: 'qa', title: 'x', starts_at: 'soon', ends_at: 'later', hashtag: 'ok' });
    assert.equal(invalid.status, 422);
    assert.equal((await api('POST', `/events/${event.id}/questions/${first.id}/vote`, ana.token)).status, 200);
    assert.equal((await api('POST', `/events/${event.id}/questions/${first.id}/vote`, ana.token)).status, 422);
    assert.equal((await api('GET', `/events/${event.id}/export?format=json`, ana.token)).status, 403);
    assert.equal((await api('GET', `/events/${event.id}/export`)).status, 401);
    assert.equal((await ok('POST', `/events/${event.id}/end`, host.token)).state, 'ended');
  });

  it("a briefing's hands and a coverage event's updates conform", async () => {
    const [host, press] = [await signUp(server.url, 'brhost'), await signUp(server.url, 'brpress')];
    const briefing = await create(host.token, 'briefing', 'OpenBriefing');
    await ok('POST', `/events/${briefing.id}/participants`, host.token, { acct: 'brpress', role: 'participant' });
    await ok('POST', `/events/${briefing.id}/hand`, press.token);
    await ok('DELETE', `/events/${briefing.id}/hand`, press.token);
    await ok('POST', `/events/${briefing.id}/hand`, press.token);
    const hands = await ok('GET', `/events/${briefing.id}/hands`, host.token);
    assert.equal(hands.length, 1);
    const called = await ok('POST', `/events/${briefing.id}/hands/${hands[0].account.id}/call`, host.token);
    assert.ok(called.called_at);
    assert.equal((await api('GET', `/events/${briefing.id}/hands`, press.token)).status, 403);

    const coverage = await create(host.token, 'coverage', 'OpenCoverage');
    await ok('POST', `/events/${coverage.id}/updates`, host.token, { status: 'The doors open.', language: 'en' });
    assert.equal((await ok('GET', `/events/${coverage.id}/updates`)).length, 1);
  });

  it('drove every operation of the document, and found no mismatch', () => {
    const missed = spec.operations().filter((o) => !spec.checked().has(o));
    assert.deepEqual(missed, []);
    assert.deepEqual(problems, []);
  });
});
