// Fuzzes a running Parley server from the Mastodon OpenAPI description, and Parley's own (its events
// API): every described operation
// (streaming aside) gets a handful of plausible, broken and hostile requests (wrong types, missing
// fields, huge and odd strings, malformed bodies, wrong content types, no/garbage/app/read-only
// tokens), then sweeps: every odd path value, out-of-range numbers in every id and integer field, NUL
// and lone surrogates in every string field, and the nastiest bodies. Whatever comes in, Parley must
// answer within a few seconds, never with a 5xx or a dropped connection, and every error must be JSON
// with a string `error`. Unimplemented endpoints answer 404, which is fine. All failures are reported
// together at the end, grouped by operation, with the server's log line for each 5xx.
//
// Reproducible: the request shapes come from a seeded PRNG; the seed is printed, and
// PARLEY_FUZZ_SEED=<n> replays a run. Without the description (../shared is only on CI and developer
// machines) the test skips with a message.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { test } from 'node:test';
import { openApiDocument, PARLEY_API_BASE } from '../../src/api/parley/openapi.ts';
import { signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const SPEC_FILE = path.resolve(repoRoot, '../shared/conformance/mastodon-openapi.json');

/** Longest wait for one response; longer counts as a hang. */
const REQUEST_TIMEOUT_MS = 5000;
/** Fuzzing stops sending (with a note, not a failure) once this much time has gone, to stay bounded. */
const FUZZ_BUDGET_MS = 45_000;
/** Longest query string sent (Node answers 431 by itself once a request head passes 16 KiB). */
const MAX_QUERY_CHARS = 5000;
/** Examples shown per group of failures in the report. */
const SHOWN = 3;
/** Operations that Parley serves to browsers, where an HTML error page is right. */
const HTML_ERRORS_ALLOWED = new Set(['/oauth/authorize']);
/** Operations whose 422 is the description's CustomError422 (an object under "error"): a collection's create and update. */
const NESTED_422: ReadonlySet<string> = new Set(['/api/v1/collections', '/api/v1/collections/{id}']);

type Json = Record<string, any>;
type TokenKind = 'alice' | 'bob' | 'readonly' | 'app' | 'none' | 'garbage' | 'malformed';
type Where = 'query' | 'body';
type Encoding = 'json' | 'form' | 'multipart' | 'query';

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32).

interface Rng {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
}

function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, chance: (p) => next() < p, pick: (xs) => xs[int(xs.length)]! };
}

function chooseSeed(): number {
  const given = process.env.PARLEY_FUZZ_SEED;
  if (given !== undefined && given.trim() !== '') {
    const n = Number(given);
    if (!Number.isSafeInteger(n)) throw new Error(`PARLEY_FUZZ_SEED must be an integer, got ${JSON.stringify(given)}`);
    return n >>> 0;
  }
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// The description: operations, parameters and schemas.

interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Json;
}

interface Operation {
  method: string;
  template: string;
  params: Param[];
  body: { contentType: string; schema: Json; required: boolean } | undefined;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function pointer(spec: Json, ref: string): Json {
  if (!ref.startsWith('#/')) return {};
  let node: any = spec;
  for (const part of ref.slice(2).split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return (node ?? {}) as Json;
}

/** Follows $ref, merges allOf and chooses one branch of oneOf/anyOf. */
function resolve(spec: Json, schema: Json | undefined, rng: Rng | undefined, depth = 0): Json {
  let s: Json = schema ?? {};
  for (let i = 0; typeof s.$ref === 'string' && i < 20; i++) s = { ...pointer(spec, s.$ref), ...withoutKey(s, '$ref') };
  if (depth > 8) return s;
  if (Array.isArray(s.allOf)) {
    const merged: Json = { ...withoutKey(s, 'allOf'), properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
    for (const part of s.allOf as Json[]) {
      const r = resolve(spec, part, rng, depth + 1);
      Object.assign(merged.properties, r.properties ?? {});
      merged.required.push(...(r.required ?? []));
      if (!merged.type && r.type) merged.type = r.type;
    }
    s = merged;
  }
  const branches = (s.oneOf ?? s.anyOf) as Json[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const usable = branches.filter((b) => b.type !== 'null');
    const branch = rng ? rng.pick(usable.length ? usable : branches) : (usable[0] ?? branches[0]!);
    const rest = withoutKey(withoutKey(s, 'oneOf'), 'anyOf');
    const r = resolve(spec, branch, rng, depth + 1);
    s = { ...rest, ...r, properties: { ...(rest.properties ?? {}), ...(r.properties ?? {}) }, required: [...(rest.required ?? []), ...(r.required ?? [])] };
  }
  return s;
}

function withoutKey(o: Json, key: string): Json {
  const { [key]: _omit, ...rest } = o;
  return rest;
}

function typeOf(s: Json): string {
  const t = s.type;
  if (Array.isArray(t)) return (t.find((x: string) => x !== 'null') as string | undefined) ?? 'null';
  if (typeof t === 'string') return t;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  if (Array.isArray(s.enum) && s.enum.length > 0) return typeof s.enum[0] === 'number' ? 'integer' : typeof s.enum[0];
  return 'string';
}

function operationsOf(spec: Json): Operation[] {
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths as Json)) {
    if (template.startsWith('/api/v1/streaming')) continue;
    const shared = ((item as Json).parameters ?? []) as Json[];
    for (const method of METHODS) {
      const op = (item as Json)[method] as Json | undefined;
      if (!op) continue;
      const params: Param[] = [...shared, ...((op.parameters ?? []) as Json[])]
        .map((p) => (p.$ref ? pointer(spec, p.$ref) : p))
        .filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header')
        .map((p) => ({ name: String(p.name), in: p.in, required: Boolean(p.required) || p.in === 'path', schema: p.schema ?? { type: 'string' } }));
      let body: Operation['body'];
      const content = op.requestBody?.content as Json | undefined;
      if (content) {
        const contentType = content['application/json'] ? 'application/json' : (Object.keys(content)[0] ?? 'application/json');
        body = { contentType, schema: content[contentType]?.schema ?? {}, required: Boolean(op.requestBody.required) };
      }
      ops.push({ method: method.toUpperCase(), template, params, body });
    }
  }
  // Run what destroys the fuzzing users' data (deletes, token revocation) after everything else.
  const rank = (o: Operation) => (o.template === '/oauth/revoke' ? 2 : o.method === 'DELETE' ? 1 : 0);
  return ops.sort((a, b) => rank(a) - rank(b));
}

/**
 * The Mastodon description with Parley's own API (its events, src/api/parley/openapi.ts) added: its
 * paths under their base, its components renamed `Parley…` so that none meets a Mastodon one.
 */
function withParleyApi(spec: Json): Json {
  const parley = openApiDocument('http://parley.invalid') as unknown as Json;
  const kinds = ['schemas', 'parameters', 'responses'] as const;
  let text = JSON.stringify({ paths: parley.paths, components: parley.components });
  for (const kind of kinds) text = text.replaceAll(`"#/components/${kind}/`, `"#/components/${kind}/Parley`);
  const renamed = JSON.parse(text) as Json;
  const paths = Object.fromEntries(Object.entries(renamed.paths as Json).map(([template, item]) => [`${PARLEY_API_BASE}${template}`, item]));
  const components = { ...(spec.components as Json) };
  for (const kind of kinds) {
    const theirs = Object.fromEntries(Object.entries((renamed.components[kind] ?? {}) as Json).map(([name, value]) => [`Parley${name}`, value]));
    components[kind] = { ...(components[kind] ?? {}), ...theirs };
  }
  return { ...spec, paths: { ...(spec.paths as Json), ...paths }, components };
}

// ---------------------------------------------------------------------------------------------
// Real data to plug in, gathered while setting up.

interface World {
  ids: Map<string, string[]>;
  tokens: Record<TokenKind, string | undefined>;
  clientId: string;
  clientSecret: string;
}

const STATIC_IDS: Record<string, string[]> = {
  tags: ['fuzz'],
  years: ['2025'],
  dates: ['2025-01-01'],
  emoji: ['👍'],
};

function realIds(world: World, resource: string): string[] {
  return STATIC_IDS[resource] ?? world.ids.get(resource) ?? [];
}

function addId(world: World, resource: string, id: unknown): void {
  if (typeof id !== 'string' && typeof id !== 'number') return;
  const list = world.ids.get(resource) ?? [];
  if (!list.includes(String(id))) list.push(String(id));
  world.ids.set(resource, list);
}

/** Which kind of record a path parameter names, from the segment before it. */
function pathResource(template: string, param: string): string {
  const segs = template.split('/');
  const before = segs[segs.indexOf(`{${param}}`) - 1] ?? '';
  if (param === 'group_key') return 'group_keys';
  if (param === 'year') return 'years';
  if (param === 'date') return 'dates';
  if (param === 'hashtag' || before === 'tags') return 'tags';
  if (before === 'reactions') return 'emoji';
  if (param === 'account_id' || before === 'follow_requests' || before === 'suggestions') return 'accounts';
  if (before === 'statuses' && template.includes('/filters/')) return 'filter_statuses';
  if (before === 'quotes') return 'statuses';
  if (before === 'requests') return 'notification_requests';
  if (before === 'list') return 'lists';
  if (before === 'filters') return template.startsWith('/api/v1/') ? 'v1_filters' : 'filters';
  if (before === 'items') return 'accounts';
  return before;
}

/** Which kind of record an id-like field in a query or body names. */
function fieldResource(name: string, template: string): string {
  if (/account/.test(name)) return 'accounts';
  if (/status|reply|quote/.test(name)) return 'statuses';
  if (/media/.test(name)) return 'media';
  if (/list/.test(name)) return 'lists';
  if (/notification/.test(name)) return 'notifications';
  if (/filter/.test(name)) return 'filters';
  if (/poll/.test(name)) return 'polls';
  return template.split('/')[3] ?? 'statuses';
}

const isIdField = (name: string) => name !== 'client_id' && (name === 'id' || name === 'ids' || /_ids?$/.test(name));

function anyRealId(world: World, resource: string, rng: Rng): string {
  const ids = realIds(world, resource);
  if (ids.length > 0) return rng.pick(ids);
  const fallback = world.ids.get('statuses') ?? [];
  return fallback.length > 0 ? rng.pick(fallback) : '1';
}

// ---------------------------------------------------------------------------------------------
// Values: plausible ones, and hostile ones.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const UNICODE = 'ünîcødé 😀 漢字 \u202eRTL\u202c \u200b e\u0301 𝔘𝔫𝔦';
const SPECIAL_STRINGS = [
  "' OR '1'='1' --",
  '"; DROP TABLE accounts; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%s%s%s%n',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  '\\',
  '\r\n\r\nX-Injected: 1',
  '@admin@evil.example',
  'https://evil.example/%2e%2e/',
  '#' + 'a'.repeat(300),
];
const PATH_POOL = [
  '0',
  '-1',
  '99999999999999999999999',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775809',
  'abc',
  '%00',
  '%',
  '%E0%A4%A',
  '1.5',
  '1e3',
  '0x1f',
  '%201',
  encodeURIComponent(UNICODE),
  'x'.repeat(3000),
  '9'.repeat(400),
  '%2F..%2F..%2Fetc%2Fpasswd',
  'null',
  '__proto__',
  encodeURIComponent("1' OR '1'='1"),
  'ungrouped-1',
];
/** Put into every id-like and integer field at once, one request per value. */
const EDGE_VALUES = ['9223372036854775807', '9223372036854775808', '-9223372036854775809', '99999999999999999999999', '2147483648', '0', '-1', '1e400', 'abc', ''];
/** Put into every string field at once, one request per value: PostgreSQL refuses NUL in text. */
const TEXT_VALUES = ['nul \u0000 inside', '\ud800 lone surrogate', '\u202e\u0000'];
const RAW_QUERIES = [
  '%',
  '%zz=1',
  'a=%E0%A4%A',
  'limit=1&limit=2&limit[]=3',
  '&&&==&',
  'max_id[$ne]=1',
  'limit=' + '9'.repeat(400),
  '[]=1',
  'a[b]=1&a=2',
  'since_id=1&since_id[a]=2',
  '__proto__[x]=1&constructor[prototype][x]=1',
  'a'.repeat(3000) + '=1',
  'limit=-1&offset=-1',
  'limit=0&offset=99999999999999999999',
  'id[]=' + '9'.repeat(30) + '&id[]=abc',
  'x' + '[a]'.repeat(30) + '=1',
];

function hugeString(where: Where, heavy: boolean): string {
  return 'x'.repeat(where === 'query' ? 3000 : heavy ? 200_000 : 20_000);
}

function deepObject(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

function pollution(): unknown {
  return JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}') as unknown;
}

/** A file for a multipart field. */
function fileValue(rng: Rng, hostile: boolean): Blob {
  if (!hostile) return new Blob([PNG], { type: 'image/png' });
  return rng.pick([
    () => new Blob([Buffer.from('definitely not a png')], { type: 'image/png' }),
    () => new Blob([], { type: 'image/png' }),
    () => new Blob([Buffer.from('hello')], { type: 'text/plain' }),
    () => new Blob([Buffer.alloc(300_000, 0xff)], { type: 'video/mp4' }),
    () => new Blob([PNG], { type: '' }),
  ])();
}

interface Ctx {
  world: World;
  rng: Rng;
  template: string;
}

function validValue(spec: Json, schema: Json | undefined, name: string, ctx: Ctx, depth = 0): unknown {
  const s = resolve(spec, schema, ctx.rng);
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return ctx.rng.pick(s.enum as unknown[]);
  const type = typeOf(s);
  switch (type) {
    case 'integer':
    case 'number': {
      if (typeof s.default === 'number') return s.default;
      if (name === 'limit') return 5;
      if (/expires_in|duration/.test(name)) return 3600;
      if (typeof s.minimum === 'number') return s.minimum;
      return 1;
    }
    case 'boolean':
      return ctx.rng.chance(0.5);
    case 'array': {
      if (depth > 4) return [];
      const item = validValue(spec, s.items, name.replace(/s$/, ''), ctx, depth + 1);
      return [item];
    }
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      const required = new Set<string>(s.required ?? []);
      for (const [key, prop] of Object.entries((s.properties ?? {}) as Json)) {
        if (required.has(key) || ctx.rng.chance(0.5)) out[key] = validValue(spec, prop as Json, key, ctx, depth + 1);
      }
      return out;
    }
    case 'null':
      return null;
    default:
      return validString(s, name, ctx);
  }
}

function validString(s: Json, name: string, ctx: Ctx): unknown {
  if (s.format === 'binary') return fileValue(ctx.rng, false);
  if (name === 'client_id') return ctx.world.clientId;
  if (name === 'client_secret') return ctx.world.clientSecret;
  if (isIdField(name)) return anyRealId(ctx.world, fieldResource(name, ctx.template), ctx.rng);
  if (s.format === 'date-time' || /_at$/.test(name)) return new Date(Date.now() + 3_600_000).toISOString();
  if (s.format === 'date') return '2025-01-01';
  if (s.format === 'email' || name === 'email') return `fuzz${ctx.rng.int(1e6)}@example.com`;
  if (/redirect_uri/.test(name)) return 'urn:ietf:wg:oauth:2.0:oob';
  if (s.format === 'uri' || /url|endpoint|website/.test(name)) return 'https://example.com/fuzz';
  const hints: Record<string, string> = {
    status: 'hello fuzz #fuzz',
    username: `fuzz${ctx.rng.int(1e6)}`,
    password: 'correct horse battery',
    locale: 'en',
    language: 'en',
    lang: 'en',
    q: 'fuzz',
    acct: 'alice',
    scope: 'read',
    scopes: 'read write',
    grant_type: 'client_credentials',
    response_type: 'code',
    title: 'fuzz',
    phrase: 'fuzz',
    keyword: 'fuzz',
    name: 'fuzz',
    visibility: 'public',
    agreement: 'true',
    focus: '0.5,-0.5',
    token: 'fuzz-token-that-does-not-exist',
    p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
    auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  };
  return hints[name] ?? 'fuzz';
}

function hostileValue(spec: Json, schema: Json | undefined, name: string, where: Where, heavy: boolean, ctx: Ctx): unknown {
  const { rng } = ctx;
  const s = resolve(spec, schema, rng);
  const type = typeOf(s);
  if (s.format === 'binary' && where === 'body' && rng.chance(0.6)) return fileValue(rng, true);
  const specific: (() => unknown)[] = [];
  switch (type) {
    case 'string':
      specific.push(
        () => 12345,
        () => true,
        () => ({ nested: 'object' }),
        () => [validString(s, name, ctx), 'second'],
      );
      if (isIdField(name))
        specific.push(
          () => '99999999999999999999999',
          () => '-1',
          () => 'abc',
          () => '1.5',
          () => '9223372036854775808',
        );
      break;
    case 'integer':
    case 'number':
      specific.push(
        () => 'abc',
        () => '1.5',
        () => '-1',
        () => -2147483649,
        () => '99999999999999999999999',
        () => 1e21,
        () => 2.5,
        () => '0x10',
        () => ' 7 ',
        () => '',
      );
      break;
    case 'boolean':
      specific.push(
        () => 'maybe',
        () => 2,
        () => ({}),
        () => ['true', 'false'],
        () => '',
      );
      break;
    case 'array':
      specific.push(
        () => 'scalar',
        () => ({ '0': 'a', '7': 'b' }),
        () => [[['deep']]],
        () => Array.from({ length: where === 'query' ? 60 : 500 }, (_, i) => String(i)),
        () => [null, {}, 1, 'x'],
        () => [validValue(spec, s.items, name, ctx), hostileValue(spec, s.items, name, where, heavy, ctx)],
      );
      break;
    case 'object':
      specific.push(
        () => 'string',
        () => [1, 2],
        () => ({ unknown_key: 1 }),
        () => {
          const obj = validValue(spec, s, name, ctx) as Record<string, unknown>;
          const keys = Object.keys((s.properties ?? {}) as Json);
          if (keys.length > 0) {
            const key = rng.pick(keys);
            obj[key] = hostileValue(spec, (s.properties as Json)[key], key, where, heavy, ctx);
          }
          return obj;
        },
      );
      break;
  }
  if (Array.isArray(s.enum))
    specific.push(
      () => 'not_a_valid_choice',
      () => String(s.enum[0]).toUpperCase(),
      () => [s.enum[0], s.enum[0]],
    );
  const general: (() => unknown)[] = [
    () => null,
    () => '',
    () => ' ',
    () => hugeString(where, heavy),
    () => UNICODE,
    () => 'a\u0000b',
    () => '\ud800 lone surrogate',
    () => -1,
    () => 0,
    () => 1e308,
    () => '99999999999999999999999',
    () => '9223372036854775808',
    () => 'NaN',
    () => 'Infinity',
    () => false,
    () => ({ a: { b: { c: [1, { d: 'e' }] } } }),
    () => ['a', 'b'],
    () => [],
    () => ({}),
    () => rng.pick(SPECIAL_STRINGS),
    () => pollution(),
    () => deepObject(where === 'query' ? 8 : heavy ? 400 : 20),
  ];
  return specific.length > 0 && rng.chance(0.5) ? rng.pick(specific)() : rng.pick(general)();
}

// ---------------------------------------------------------------------------------------------
// Encoding values the way clients send them.

type Pair = [string, string | Blob];

/** Rails-style flattening (a[]=1, a[0][b]=2) for query strings, forms and multipart bodies. */
function flatten(value: unknown, key: string, style: 'brackets' | 'indices' | 'repeat', out: Pair[], depth = 0): void {
  if (value === undefined) return;
  if (depth > 40) {
    out.push([key, 'too-deep']);
    return;
  }
  if (value instanceof Blob) {
    out.push([key, value]);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) out.push([`${key}[]`, '']);
    value.forEach((v, i) => {
      const nested = v !== null && typeof v === 'object' && !(v instanceof Blob);
      const k = nested || style === 'indices' ? `${key}[${i}]` : style === 'brackets' ? `${key}[]` : key;
      flatten(v, k, style, out, depth + 1);
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 && key) out.push([key, '']);
    for (const [k, v] of entries) flatten(v, key ? `${key}[${k}]` : k, style, out, depth + 1);
    return;
  }
  out.push([key, value === null ? '' : String(value)]);
}

function pairsToSearch(pairs: Pair[]): string {
  const search = new URLSearchParams();
  for (const [k, v] of pairs) search.append(k, typeof v === 'string' ? v : 'file');
  return search.toString();
}

const pairLength = ([k, v]: Pair) => encodeURIComponent(k).length + (typeof v === 'string' ? new URLSearchParams({ v }).toString().length : 4);

const jsonReplacer = (_key: string, value: unknown) => (value instanceof Blob ? 'fuzz' : value);

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

// ---------------------------------------------------------------------------------------------
// Building requests.

interface FuzzRequest {
  variant: string;
  method: string;
  template: string;
  target: string;
  headers: Record<string, string>;
  body: string | Uint8Array | FormData | undefined;
  bodySummary: string;
  bodyBytes: number;
  token: TokenKind;
}

interface Plan {
  variant: string;
  pathMode: 'real' | 'pool';
  fields: 'valid' | 'some' | 'all' | 'missing';
  heavy: boolean;
  malformed: boolean;
  encoding: 'spec' | 'random';
  tokens: readonly TokenKind[];
  extraHeaders: boolean;
}

const PLANS: Plan[] = [
  { variant: 'baseline', pathMode: 'real', fields: 'valid', heavy: false, malformed: false, encoding: 'spec', tokens: ['alice'], extraHeaders: false },
  { variant: 'wrong-types', pathMode: 'real', fields: 'some', heavy: false, malformed: false, encoding: 'random', tokens: ['alice', 'bob'], extraHeaders: false },
  { variant: 'missing-fields', pathMode: 'pool', fields: 'missing', heavy: false, malformed: false, encoding: 'random', tokens: ['alice', 'bob', 'app', 'none'], extraHeaders: false },
  { variant: 'malformed-body', pathMode: 'real', fields: 'valid', heavy: false, malformed: true, encoding: 'spec', tokens: ['alice', 'alice', 'bob', 'none'], extraHeaders: false },
  { variant: 'no-or-bad-token', pathMode: 'real', fields: 'valid', heavy: false, malformed: false, encoding: 'spec', tokens: ['none', 'garbage', 'malformed'], extraHeaders: false },
  { variant: 'other-token', pathMode: 'real', fields: 'valid', heavy: false, malformed: false, encoding: 'spec', tokens: ['app', 'readonly', 'bob'], extraHeaders: false },
  { variant: 'hostile', pathMode: 'pool', fields: 'all', heavy: true, malformed: false, encoding: 'random', tokens: ['alice', 'app', 'garbage'], extraHeaders: true },
];

/** Malformed bodies; those marked `sweep` are also sent to every operation that takes a body. */
const MALFORMED_BODIES: { type: string | undefined; body: () => string | Uint8Array; sweep?: true }[] = [
  { type: 'application/json', body: () => '{' },
  { type: 'application/json', body: () => '{"status": "unterminated' },
  { type: 'application/json', body: () => '[1,2,3]' },
  { type: 'application/json', body: () => 'null' },
  { type: 'application/json', body: () => '"just a string"' },
  { type: 'application/json', body: () => '12345678901234567890' },
  { type: 'application/json', body: () => '{"a":1}trailing' },
  { type: 'application/json', body: () => '\u0000\u0001\u0002' },
  { type: 'application/json', body: () => '' },
  { type: 'application/json', body: () => '['.repeat(20_000) + ']'.repeat(20_000) },
  { type: 'application/json', body: () => '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), sweep: true },
  { type: 'application/json', body: () => '{"status":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}', sweep: true },
  { type: 'application/json', body: () => new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x22, 0xc3, 0x28]), sweep: true },
  { type: 'application/json', body: () => '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}', sweep: true },
  { type: 'application/json', body: () => JSON.stringify({ status: 'x'.repeat(1_200_000) }) },
  { type: 'application/json; charset=utf-16', body: () => '{"a":"b"}' },
  { type: 'application/vnd.api+json', body: () => '{"a":' },
  { type: 'application/x-www-form-urlencoded', body: () => '%%%&&==&a[=1&b]=2&c[][][]=x&d=%E0%A4%A' },
  { type: 'application/x-www-form-urlencoded', body: () => 'a' + '[x]'.repeat(50) + '=1' },
  { type: 'application/x-www-form-urlencoded', body: () => Array.from({ length: 3000 }, (_, i) => `k${i}=v`).join('&'), sweep: true },
  { type: 'application/x-www-form-urlencoded', body: () => 'a[999999999]=1&a[]=2&__proto__[admin]=1' },
  { type: 'multipart/form-data', body: () => '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n' },
  { type: 'multipart/form-data; boundary=x', body: () => 'garbage' },
  { type: 'multipart/form-data; boundary=', body: () => '' },
  { type: 'multipart/form-data; boundary=x', body: () => '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--x--\r\n' },
  { type: 'text/plain', body: () => 'hello' },
  { type: 'application/xml', body: () => '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>' },
  { type: ';;;', body: () => 'x' },
  { type: undefined, body: () => new TextEncoder().encode('{"status":"no content type"}') },
];

const EXTRA_HEADERS: Record<string, string>[] = [
  { 'x-forwarded-for': 'not-an-ip, 999.1.1.1, ::ffff:zz' },
  { 'accept-language': '*;q=bogus, xx-YY-zz-1234567890' },
  { 'idempotency-key': 'k'.repeat(4000) },
  { accept: 'application/xml' },
  { 'if-none-match': '"' },
  { origin: 'null' },
  { 'x-http-method-override': 'DELETE' },
  { cookie: '_session_id=garbage; remember_user_token=' + 'z'.repeat(500) },
];

function authorization(world: World, kind: TokenKind, rng: Rng): string | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'garbage':
      return `Bearer ${rng.pick(['garbage', 'x'.repeat(2000), "'; DROP TABLE oauth_access_tokens; --", '%00', 'eyJhbGciOiJub25lIn0.e30.', '0'])}`;
    case 'malformed':
      return rng.pick(['Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', `bearer ${world.tokens.alice ?? ''}`, 'Bearer a b c', `Token ${world.tokens.alice ?? ''}`, `Bearer ${world.tokens.alice ?? ''}x`]);
    default: {
      const token = world.tokens[kind];
      return token ? `Bearer ${token}` : undefined;
    }
  }
}

interface Overrides {
  /** this (encoded) value for every path parameter */
  path?: string;
  /** this value for every id-like or integer query or body field */
  edge?: string;
  /** this value for every string query or body field */
  text?: string;
  /** this malformed body instead of one from the plan */
  malformed?: (typeof MALFORMED_BODIES)[number];
}

/** Fields the text sweep targets: strings and lists of strings. */
function isTextField(spec: Json, schema: Json | undefined): boolean {
  const s = resolve(spec, schema, undefined);
  const t = typeOf(s);
  if (t === 'array') return typeOf(resolve(spec, s.items, undefined)) === 'string';
  return t === 'string' && s.format !== 'binary';
}

function hasTextFields(spec: Json, op: Operation): boolean {
  if (op.params.some((p) => p.in === 'query' && isTextField(spec, p.schema))) return true;
  const body = op.body ? resolve(spec, op.body.schema, undefined) : {};
  return Object.values((body.properties ?? {}) as Json).some((prop) => isTextField(spec, prop as Json));
}

/** The value an override puts into a field, if any. */
function overrideFor(spec: Json, overrides: Overrides, name: string, schema: Json | undefined): unknown {
  if (overrides.edge !== undefined && isEdgeField(spec, name, schema)) return overrides.edge;
  if (overrides.text !== undefined && isTextField(spec, schema)) return typeOf(resolve(spec, schema, undefined)) === 'array' ? [overrides.text] : overrides.text;
  return undefined;
}

/** Fields the edge sweep targets: ids and integers. */
function isEdgeField(spec: Json, name: string, schema: Json | undefined): boolean {
  const t = typeOf(resolve(spec, schema, undefined));
  return t === 'integer' || ((t === 'string' || t === 'array') && isIdField(name)) || /^(max|min|since)_id$/.test(name);
}

function hasEdgeFields(spec: Json, op: Operation): boolean {
  if (op.params.some((p) => p.in === 'query' && isEdgeField(spec, p.name, p.schema))) return true;
  const body = op.body ? resolve(spec, op.body.schema, undefined) : {};
  return Object.entries((body.properties ?? {}) as Json).some(([name, prop]) => isEdgeField(spec, name, prop as Json));
}

/** Round-robin pickers, so every odd path value, malformed body and raw query is used in every run. */
interface Cycles {
  path(): string;
  malformed(): (typeof MALFORMED_BODIES)[number];
  rawQuery(): string;
}

function cycle<T>(xs: readonly T[], start: number): () => T {
  let i = start;
  return () => xs[i++ % xs.length]!;
}

function buildRequest(spec: Json, op: Operation, plan: Plan, world: World, rng: Rng, cycles: Cycles, overrides: Overrides = {}): FuzzRequest {
  const ctx: Ctx = { world, rng, template: op.template };
  const token = rng.pick(plan.tokens);
  const headers: Record<string, string> = {};
  const auth = authorization(world, token, rng);
  if (auth !== undefined) headers.authorization = auth;
  if (plan.extraHeaders) Object.assign(headers, rng.pick(EXTRA_HEADERS));

  // Path
  let target = op.template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (overrides.path !== undefined) return overrides.path;
    if (plan.pathMode === 'real' || rng.chance(0.15)) return encodeURIComponent(anyRealId(world, pathResource(op.template, name), rng));
    return cycles.path();
  });

  // Which fields get what
  const decide = (_name: string, required: boolean): 'valid' | 'hostile' | 'omit' => {
    switch (plan.fields) {
      case 'valid':
        return required || rng.chance(0.5) ? 'valid' : 'omit';
      case 'some':
        return rng.chance(0.5) ? 'hostile' : required || rng.chance(0.5) ? 'valid' : 'omit';
      case 'all':
        return 'hostile';
      case 'missing':
        return required ? 'omit' : rng.chance(0.3) ? 'hostile' : rng.chance(0.5) ? 'valid' : 'omit';
    }
  };

  // Query and header parameters
  const query: Record<string, unknown> = {};
  for (const p of op.params) {
    if (p.in === 'path') continue;
    const forced = overrideFor(spec, overrides, p.name, p.schema);
    const what = forced !== undefined ? 'valid' : decide(p.name, p.required);
    if (what === 'omit') continue;
    if (p.in === 'header') {
      headers[p.name.toLowerCase()] = what === 'valid' ? `fuzz-${rng.int(1e9)}` : rng.pick(['', 'k'.repeat(4000), 'a b c', '\t']);
      continue;
    }
    if (forced !== undefined) query[p.name] = forced;
    else query[p.name] = what === 'valid' ? validValue(spec, p.schema, p.name, ctx) : hostileValue(spec, p.schema, p.name, 'query', plan.heavy, ctx);
  }
  if (plan.fields === 'all' && rng.chance(0.5)) query.unknown_param = hostileValue(spec, { type: 'string' }, 'unknown_param', 'query', plan.heavy, ctx);
  const style = rng.pick(['brackets', 'indices', 'repeat'] as const);
  const queryPairs: Pair[] = [];
  flatten(query, '', style, queryPairs);

  // Body
  const hasBody = op.method !== 'GET';
  let body: FuzzRequest['body'];
  let bodySummary = '';
  let extraQuery = '';
  if (hasBody && (plan.malformed || overrides.malformed)) {
    const m = overrides.malformed ?? cycles.malformed();
    body = m.body();
    if (m.type !== undefined) headers['content-type'] = m.type;
    bodySummary = `${m.type ?? '(no content-type)'} ${excerpt(typeof body === 'string' ? body : `bytes ${Buffer.from(body).toString('hex')}`, 120)}`;
  } else if (!hasBody && plan.malformed) {
    extraQuery = cycles.rawQuery();
  } else if (hasBody) {
    const schema = resolve(spec, op.body?.schema ?? { type: 'object', properties: {} }, rng);
    const values: Record<string, unknown> = {};
    const required = new Set<string>(schema.required ?? []);
    for (const [name, prop] of Object.entries((schema.properties ?? {}) as Json)) {
      const forced = overrideFor(spec, overrides, name, prop as Json);
      const what = forced !== undefined ? 'valid' : decide(name, required.has(name));
      if (what === 'omit') continue;
      if (forced !== undefined) values[name] = forced;
      else values[name] = what === 'valid' ? validValue(spec, prop as Json, name, ctx) : hostileValue(spec, prop as Json, name, 'body', plan.heavy, ctx);
    }
    if (plan.fields === 'all' && rng.chance(0.4)) Object.assign(values, pollution());
    const specEncoding: Encoding = op.body?.contentType === 'multipart/form-data' ? 'multipart' : 'json';
    let encoding: Encoding = plan.encoding === 'spec' ? specEncoding : rng.pick(['json', 'json', 'form', 'multipart', 'query'] as const);
    const tooBigForQuery = JSON.stringify(values, jsonReplacer).length > 4000;
    if (encoding === 'query' && tooBigForQuery) encoding = 'form';
    if (!op.body && Object.keys(values).length === 0 && plan.fields === 'valid') {
      // nothing to send
    } else if (encoding === 'json') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(values, jsonReplacer);
      bodySummary = `json ${excerpt(body, 300)}`;
    } else {
      const pairs: Pair[] = [];
      flatten(values, '', style, pairs);
      if (encoding === 'form') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = pairsToSearch(pairs);
        bodySummary = `form ${excerpt(body, 300)}`;
      } else if (encoding === 'multipart') {
        const form = new FormData();
        for (const [k, v] of pairs) {
          if (typeof v === 'string') form.append(k, v);
          else form.append(k, v, 'fuzz.png');
        }
        body = form;
        bodySummary = `multipart ${excerpt(pairs.map(([k, v]) => `${k}=${typeof v === 'string' ? v : `<file ${v.type || 'untyped'} ${v.size}B>`}`).join('&'), 300)}`;
      } else {
        queryPairs.push(...pairs);
        bodySummary = '(fields sent in the query)';
      }
    }
  }
  // Node itself refuses request heads over 16 KiB (431, before Parley sees them): stay under it.
  while (queryPairs.length > 0 && pairsToSearch(queryPairs).length > MAX_QUERY_CHARS) {
    const longest = queryPairs.reduce((a, b) => (pairLength(b) > pairLength(a) ? b : a));
    queryPairs.splice(queryPairs.indexOf(longest), 1);
  }
  const search = [pairsToSearch(queryPairs), extraQuery].filter(Boolean).join('&');
  if (search) target += `?${search}`;
  const bodyBytes = typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : 0;
  return { variant: plan.variant, method: op.method, template: op.template, target, headers, body, bodySummary, bodyBytes, token };
}

// ---------------------------------------------------------------------------------------------
// Sending and judging.

interface Outcome {
  status: number;
  contentType: string;
  text: string;
  ms: number;
  error?: string;
}

async function send(base: string, req: { method: string; target: string; headers: Record<string, string>; body?: FuzzRequest['body'] }): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}${req.target}`, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, ms: performance.now() - started };
  } catch (error) {
    const e = error as Error;
    const message =
      e.name === 'TimeoutError' || e.name === 'AbortError' ? `no response within ${REQUEST_TIMEOUT_MS} ms (hang)` : `request failed: ${e.message}${e.cause ? ` (${String(e.cause)})` : ''}`;
    return { status: 0, contentType: '', text: '', ms: performance.now() - started, error: message };
  }
}

/** What is wrong with a response, or undefined. */
function judge(template: string, outcome: Outcome): string | undefined {
  if (outcome.error) return outcome.error;
  const isJson = /[/+]json\b/i.test(outcome.contentType);
  let parsed: unknown;
  if (isJson && outcome.text !== '') {
    try {
      parsed = JSON.parse(outcome.text);
    } catch {
      return `invalid JSON in a ${outcome.contentType} response`;
    }
  }
  if (outcome.status >= 500) return `server error ${outcome.status}`;
  if (outcome.status >= 400) {
    if (!isJson) {
      if (HTML_ERRORS_ALLOWED.has(template) && /text\/html/i.test(outcome.contentType)) return undefined;
      return `non-JSON error (${outcome.contentType || 'no content-type'})`;
    }
    const error = (parsed as { error?: unknown } | null | undefined)?.error;
    // Mastodon 4.7's collections nest their 422 ({"error": {"error": "...", "details": ...}}), as the
    // description's CustomError422 says; every other error is a string.
    const nested = outcome.status === 422 && NESTED_422.has(template) && typeof (error as { error?: unknown } | undefined)?.error === 'string';
    if (typeof error !== 'string' && !nested) return 'JSON error without a string "error" field';
  }
  return undefined;
}

/** The first line of a logged error, its causes, and the first frame in Parley's own code. */
function summarizeLog(text: string): string {
  const lines = text.split('\n');
  const causes = lines.filter((l) => /^\s*(\[cause\]|cause):/.test(l)).map((l) => l.trim());
  const frame = lines.find((l) => /\/src\//.test(l) && /^\s*at /.test(l))?.trim();
  return [excerpt(lines[0] ?? '', 300), ...causes.map((c) => excerpt(c, 300)), frame ?? ''].filter(Boolean).join(' | ');
}

interface Failure {
  key: string;
  line: string;
}

// ---------------------------------------------------------------------------------------------

test('fuzzing every operation of the Mastodon OpenAPI description never yields a 5xx, a hang or a non-JSON error', async (t) => {
  if (!fs.existsSync(SPEC_FILE)) {
    t.skip(`the Mastodon OpenAPI description is absent (${SPEC_FILE}); fuzzing skipped`);
    return;
  }
  const spec = withParleyApi(JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8')) as Json);
  const seed = chooseSeed();
  t.diagnostic(`fuzz seed ${seed} (replay with PARLEY_FUZZ_SEED=${seed})`);
  console.log(`# fuzz seed ${seed} (replay with PARLEY_FUZZ_SEED=${seed})`);
  const rng = makeRng(seed);
  const operations = operationsOf(spec);

  // The server logs unexpected errors with console.error; keep them to explain failures.
  const originalError = console.error;
  const originalWarn = console.warn;
  let captured: string[] = [];
  const capture = (...args: unknown[]) => {
    captured.push(format(...args));
  };

  const server: TestServer = await startServer();
  const failures: Failure[] = [];
  const statusCounts = new Map<number, number>();
  const answeredByOperation = new Map<string, Set<number>>();
  let sent = 0;
  const orphanLogs: string[] = [];

  // @hono/node-server drops a keep-alive connection 500 ms after answering a request whose body was
  // not fully read (a 413, or an early answer to a large body); unless that answer said
  // `Connection: close`, whatever request the client sent down that connection since then fails.
  // Such failures name the requests with bodies that were answered about 500 ms before.
  let recentBodies: { at: number; bytes: number; what: string }[] = [];
  const record = (method: string, template: string, req: { target: string; bodySummary: string; bodyBytes?: number; token: string; variant: string }, outcome: Outcome, logs: string[]) => {
    sent++;
    const now = performance.now();
    recentBodies = recentBodies.filter((b) => now - b.at < REQUEST_TIMEOUT_MS + 1000);
    if ((req.bodyBytes ?? 0) > 0) recentBodies.push({ at: now, bytes: req.bodyBytes ?? 0, what: `${method} ${excerpt(req.target, 80)} (${req.bodyBytes}-byte body) with ${outcome.status}` });
    statusCounts.set(outcome.status, (statusCounts.get(outcome.status) ?? 0) + 1);
    const opKey = `${method} ${template}`;
    const seen = answeredByOperation.get(opKey) ?? new Set<number>();
    seen.add(outcome.status);
    answeredByOperation.set(opKey, seen);
    let problem = judge(template, outcome);
    if (problem && outcome.error && !/hang/.test(problem)) {
      const suspects = recentBodies
        .filter((b) => now - b.at >= 450 && now - b.at <= outcome.ms + 600)
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 2)
        .map((b) => `${(now - b.at).toFixed(0)} ms earlier it answered ${b.what}`);
      if (suspects.length > 0) problem += ` — the server dropped this keep-alive connection, likely because ${suspects.join('; or ')}, without reading the whole body`;
    }
    if (!problem) {
      orphanLogs.push(...logs);
      return;
    }
    const lines = [
      `${method} ${excerpt(req.target, 240)}  [${req.variant}, token=${req.token}]`,
      req.bodySummary ? `      body: ${req.bodySummary}` : '',
      `      → ${outcome.status || 'no status'} ${problem}: ${excerpt(outcome.text.replace(/\s+/g, ' '), 200)}`,
      ...logs.slice(0, 2).map((l) => `      server log: ${summarizeLog(l)}`),
    ].filter(Boolean);
    const key = outcome.error && !/hang/.test(problem) ? 'connection dropped by the server (request failed with no response)' : `${opKey} → ${problem}`;
    failures.push({ key, line: lines.join('\n') });
  };

  /** A request through the same judge, for setting up data; returns the parsed body when it is JSON. */
  const api = async (method: string, template: string, target: string, token: string | undefined, payload?: unknown, form?: FormData): Promise<any> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let body: FuzzRequest['body'];
    if (form) body = form;
    else if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(payload);
    }
    captured = [];
    const outcome = await send(server.url, { method, target, headers, body });
    record(
      method,
      template,
      { target, bodySummary: payload ? `json ${excerpt(JSON.stringify(payload), 200)}` : form ? 'multipart' : '', token: token ? 'setup' : 'none', variant: 'setup' },
      outcome,
      captured,
    );
    if (outcome.status < 200 || outcome.status >= 300 || !/json/.test(outcome.contentType)) return undefined;
    try {
      return JSON.parse(outcome.text);
    } catch {
      return undefined;
    }
  };

  const started = performance.now();
  try {
    // --- Users and a little real data --------------------------------------------------------
    const alice = await signUp(server.url, 'alice');
    const bob = await signUp(server.url, 'bob');
    const carol = await signUp(server.url, 'carol');
    console.error = capture;
    console.warn = capture;
    const world: World = {
      ids: new Map(),
      tokens: { alice: alice.token, bob: bob.token, readonly: undefined, app: undefined, none: undefined, garbage: undefined, malformed: undefined },
      clientId: alice.clientId,
      clientSecret: alice.clientSecret,
    };
    const appToken = await api('POST', '/oauth/token', '/oauth/token', undefined, {
      grant_type: 'client_credentials',
      client_id: alice.clientId,
      client_secret: alice.clientSecret,
      scope: 'read write follow push',
    });
    world.tokens.app = appToken?.access_token;
    // A user token with only the read scope, through the password grant.
    for (const username of ['carol@example.com', 'carol']) {
      if (world.tokens.readonly) break;
      const readonly = await api('POST', '/oauth/token', '/oauth/token', undefined, {
        grant_type: 'password',
        username,
        password: carol.password,
        client_id: carol.clientId,
        client_secret: carol.clientSecret,
        scope: 'read',
      });
      world.tokens.readonly = readonly?.access_token;
    }
    const aliceId = (await api('GET', '/api/v1/accounts/verify_credentials', '/api/v1/accounts/verify_credentials', alice.token))?.id;
    const bobId = (await api('GET', '/api/v1/accounts/verify_credentials', '/api/v1/accounts/verify_credentials', bob.token))?.id;
    addId(world, 'accounts', aliceId);
    addId(world, 'accounts', bobId);

    const post = (token: string, json: unknown) => api('POST', '/api/v1/statuses', '/api/v1/statuses', token, json);
    const first = await post(alice.token, { status: 'hello #fuzz' });
    addId(world, 'statuses', first?.id);
    addId(world, 'statuses', (await post(alice.token, { status: 'only followers #fuzz', visibility: 'private' }))?.id);
    const polled = await post(alice.token, { status: 'a poll #fuzz', poll: { options: ['yes', 'no'], expires_in: 3600 } });
    addId(world, 'statuses', polled?.id);
    addId(world, 'polls', polled?.poll?.id);
    const scheduled = await post(alice.token, { status: 'later #fuzz', scheduled_at: new Date(Date.now() + 86_400_000).toISOString() });
    addId(world, 'scheduled_statuses', scheduled?.params ? scheduled.id : undefined);
    addId(world, 'statuses', (await post(alice.token, { status: '@bob a secret', visibility: 'direct' }))?.id);
    if (bobId) await api('POST', '/api/v1/accounts/{id}/follow', `/api/v1/accounts/${bobId}/follow`, alice.token, {});
    if (aliceId) await api('POST', '/api/v1/accounts/{id}/follow', `/api/v1/accounts/${aliceId}/follow`, bob.token, {});
    if (first?.id) {
      addId(world, 'statuses', (await post(bob.token, { status: '@alice a reply #fuzz', in_reply_to_id: first.id }))?.id);
      for (const action of ['favourite', 'reblog', 'bookmark']) {
        await api('POST', `/api/v1/statuses/{id}/${action}`, `/api/v1/statuses/${first.id}/${action}`, bob.token, {});
      }
    }
    const list = await api('POST', '/api/v1/lists', '/api/v1/lists', alice.token, { title: 'fuzz list' });
    addId(world, 'lists', list?.id);
    if (list?.id && bobId) await api('POST', '/api/v1/lists/{id}/accounts', `/api/v1/lists/${list.id}/accounts`, alice.token, { account_ids: [bobId] });
    const filter = await api('POST', '/api/v2/filters', '/api/v2/filters', alice.token, { title: 'fuzz filter', context: ['home'], keywords_attributes: [{ keyword: 'nope' }] });
    addId(world, 'filters', filter?.id);
    for (const k of (filter?.keywords ?? []) as Json[]) addId(world, 'keywords', k.id);
    if (filter?.id && first?.id) {
      addId(world, 'filter_statuses', (await api('POST', '/api/v2/filters/{filter_id}/statuses', `/api/v2/filters/${filter.id}/statuses`, alice.token, { status_id: first.id }))?.id);
    }
    addId(world, 'v1_filters', (await api('POST', '/api/v1/filters', '/api/v1/filters', alice.token, { phrase: 'nope', context: ['home'] }))?.id);
    // A live event of alice's, with a question of bob's, for Parley's own API.
    const event = await api('POST', '/api/parley/v1/events', '/api/parley/v1/events', alice.token, {
      kind: 'qa',
      title: 'Fuzz Q&A',
      starts_at: new Date(Date.now() - 60_000).toISOString(),
      ends_at: new Date(Date.now() + 86_400_000).toISOString(),
      hashtag: 'fuzz',
      premoderated: false,
    });
    addId(world, 'events', event?.id);
    if (event?.id) addId(world, 'questions', (await api('POST', '/api/parley/v1/events/{id}/questions', `/api/parley/v1/events/${event.id}/questions`, bob.token, { text: 'a fuzz question' }))?.id);
    const upload = new FormData();
    upload.append('file', new Blob([PNG], { type: 'image/png' }), 'pixel.png');
    upload.append('description', 'a pixel');
    addId(world, 'media', (await api('POST', '/api/v2/media', '/api/v2/media', alice.token, undefined, upload))?.id);
    addId(world, 'featured_tags', (await api('POST', '/api/v1/featured_tags', '/api/v1/featured_tags', alice.token, { name: 'fuzz' }))?.id);
    for (const n of ((await api('GET', '/api/v1/notifications', '/api/v1/notifications', alice.token)) ?? []) as Json[]) addId(world, 'notifications', n.id);
    const groups = await api('GET', '/api/v2/notifications', '/api/v2/notifications', alice.token);
    for (const g of (groups?.notification_groups ?? []) as Json[]) addId(world, 'group_keys', g.group_key);
    for (const n of world.ids.get('notifications') ?? []) addId(world, 'group_keys', `ungrouped-${n}`);
    for (const c of ((await api('GET', '/api/v1/conversations', '/api/v1/conversations', bob.token)) ?? []) as Json[]) addId(world, 'conversations', c.id);
    for (const a of ((await api('GET', '/api/v1/announcements', '/api/v1/announcements', alice.token)) ?? []) as Json[]) addId(world, 'announcements', a.id);
    for (const r of ((await api('GET', '/api/v1/notifications/requests', '/api/v1/notifications/requests', alice.token)) ?? []) as Json[]) addId(world, 'notification_requests', r.id);
    t.diagnostic(`real data: ${[...world.ids].map(([k, v]) => `${k}=${v.length}`).join(', ')}; app token ${world.tokens.app ? 'yes' : 'no'}`);

    // --- Fuzzing -------------------------------------------------------------------------------
    const cycles: Cycles = {
      path: cycle(PATH_POOL, rng.int(PATH_POOL.length)),
      malformed: cycle(MALFORMED_BODIES, rng.int(MALFORMED_BODIES.length)),
      rawQuery: cycle(RAW_QUERIES, rng.int(RAW_QUERIES.length)),
    };
    const fuzzStarted = performance.now();
    let outOfTime = false;
    const baseline = PLANS[0]!;
    outer: for (const op of operations) {
      // A few random requests of each kind, then every odd path value, edge number, odd text and nasty body.
      const batch: { plan: Plan; overrides: Overrides; label?: string }[] = PLANS.map((plan) => ({ plan, overrides: {} }));
      if (op.template.includes('{')) for (const v of PATH_POOL) batch.push({ plan: baseline, overrides: { path: v }, label: `path-sweep ${excerpt(v, 24)}` });
      if (hasEdgeFields(spec, op)) for (const v of EDGE_VALUES) batch.push({ plan: baseline, overrides: { edge: v }, label: `edge-sweep ${JSON.stringify(v)}` });
      if (hasTextFields(spec, op)) for (const v of TEXT_VALUES) batch.push({ plan: baseline, overrides: { text: v }, label: `text-sweep ${JSON.stringify(v)}` });
      if (op.method !== 'GET') for (const m of MALFORMED_BODIES.filter((b) => b.sweep)) batch.push({ plan: baseline, overrides: { malformed: m }, label: 'body-sweep' });
      for (const { plan, overrides, label } of batch) {
        if (performance.now() - fuzzStarted > FUZZ_BUDGET_MS) {
          outOfTime = true;
          break outer;
        }
        const req = buildRequest(spec, op, plan, world, rng, cycles, overrides);
        if (label) req.variant = label;
        captured = [];
        const outcome = await send(server.url, req);
        record(op.method, op.template, req, outcome, captured);
      }
    }

    // An oversized body is refused (413); the keep-alive connection it came on must then keep working
    // for the requests that follow, rather than being dropped under one of them.
    captured = [];
    const oversized = JSON.stringify({ status: 'x'.repeat(1_200_000) });
    const refused = await send(server.url, { method: 'POST', target: '/api/v1/statuses', headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' }, body: oversized });
    const probe = { target: '/api/v1/statuses', bodySummary: `json {"status":"xxx…"} (${oversized.length} bytes)`, bodyBytes: oversized.length, token: 'alice', variant: 'oversized-then-keep-alive' };
    record('POST', '/api/v1/statuses', probe, refused, captured);
    for (const until = performance.now() + 900; performance.now() < until; ) {
      captured = [];
      const next = await send(server.url, { method: 'GET', target: '/api/v1/instance', headers: {} });
      record('GET', '/api/v1/instance', { target: '/api/v1/instance', bodySummary: '', token: 'none', variant: 'after an oversized body' }, next, captured);
    }

    // The server still works afterwards.
    captured = [];
    const health = await send(server.url, { method: 'GET', target: '/api/v1/instance', headers: {} });
    record('GET', '/api/v1/instance', { target: '/api/v1/instance', bodySummary: '', token: 'none', variant: 'after-fuzzing' }, health, captured);
    if (health.status !== 200) failures.push({ key: 'server health after fuzzing', line: `GET /api/v1/instance answered ${health.status} after fuzzing` });

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const statuses = [...statusCounts]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    const allNotFound = [...answeredByOperation].filter(([, s]) => s.size === 1 && s.has(404)).length;
    t.diagnostic(`${operations.length} operations, ${sent} requests in ${seconds}s; statuses ${statuses}; ${allNotFound} operations answered only 404 (not implemented)`);
    if (outOfTime) t.diagnostic(`stopped early: the ${FUZZ_BUDGET_MS / 1000}s fuzzing budget ran out (slow machine?)`);
    if (orphanLogs.length > 0) t.diagnostic(`server logged ${orphanLogs.length} lines on requests that were answered properly; first: ${excerpt(orphanLogs[0]!.replace(/\s+/g, ' '), 300)}`);
  } finally {
    console.error = originalError;
    console.warn = originalWarn;
    await server.stop();
  }

  // --- Report --------------------------------------------------------------------------------
  const groups = new Map<string, string[]>();
  for (const f of failures) groups.set(f.key, [...(groups.get(f.key) ?? []), f.line]);
  const report = [...groups]
    .map(([key, lines]) =>
      [`■ ${key} — ${lines.length} request${lines.length === 1 ? '' : 's'}`, ...lines.slice(0, SHOWN).map((l) => `   ${l}`), lines.length > SHOWN ? `   … and ${lines.length - SHOWN} more` : '']
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
  assert.equal(
    failures.length,
    0,
    `${failures.length} of ${sent} requests got a 5xx, a hang or a malformed error, in ${groups.size} groups (seed ${seed}; replay with PARLEY_FUZZ_SEED=${seed}):\n${report}`,
  );
});
