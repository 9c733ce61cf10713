// Request parameters as Rails reads them: query, JSON, form or multipart, merged, with a[] and a[0][b] nesting.
import { isUtf8 } from 'node:buffer';
import type { Context } from 'hono';
import qs from 'qs';
import { isWellFormedText, NOT_WELL_FORMED, wellFormedText } from '../core/text/well-formed.ts';
import { z } from 'zod';
import { ApiError } from './errors.ts';
import { parseJson } from './exact-json.ts';

export type Params = Record<string, unknown>;

const QS_OPTIONS = { arrayLimit: 100, depth: 5, parameterLimit: 1000, allowDots: false } as const;

/** The body as text; bytes that are not UTF-8 are refused rather than silently replaced. */
async function bodyText(c: Context): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new ApiError(400, 'Error occurred while parsing request parameters: the body is not valid UTF-8');
  }
}

async function readBody(c: Context): Promise<Params> {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return {};
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    const text = await bodyText(c);
    if (text.trim() === '') return {};
    let value: unknown;
    try {
      value = parseJson(text);
    } catch {
      throw new ApiError(400, 'Error occurred while parsing request parameters: the body is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ApiError(400, 'Error occurred while parsing request parameters: the JSON body must be an object');
    }
    return value as Params;
  }
  if (type === 'application/x-www-form-urlencoded') return parseForm(await bodyText(c));
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new ApiError(400, 'Error occurred while parsing request parameters: malformed multipart body');
    }
    const search = new URLSearchParams();
    const files: Params = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') search.append(key, value);
      else files[key] = value;
    }
    // The platform decodes text parts, with U+FFFD for bytes that are not UTF-8.
    return { ...(qs.parse(search.toString(), QS_OPTIONS) as Params), ...files };
  }
  return {};
}

const MAX_DEPTH = 16;

/** A parameter being checked, with the way to it (kept as links: the path is spelt only for an error). */
interface Visit {
  value: unknown;
  depth: number;
  key: string;
  parent: Visit | undefined;
}

function fieldOf(visit: Visit): string {
  const keys: string[] = [];
  for (let v: Visit | undefined = visit; v?.parent; v = v.parent) keys.unshift(v.key);
  return wellFormedText(keys.join('.')) || 'parameters';
}

/** Text that is not well-formed Unicode is refused, naming the field (see core/text/well-formed.ts). */
function notText(field: string): ApiError {
  return new ApiError(422, `Validation failed: ${field}: ${NOT_WELL_FORMED}`, { details: { [field]: [{ error: 'ERR_INVALID', description: NOT_WELL_FORMED }] } });
}

/** Walks the parameters without recursion (hostile bodies nest deeply) and says what is wrong, if anything. */
function problemIn(root: unknown): ApiError | null {
  const stack: Visit[] = [{ value: root, depth: 0, key: '', parent: undefined }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (typeof value === 'string') {
      // PostgreSQL cannot store NUL characters, and no legitimate parameter contains them.
      if (value.includes('\u0000')) return new ApiError(400, 'Parameters must not contain NUL characters');
      if (!isWellFormedText(value)) return notText(fieldOf(visit));
    } else if (value && typeof value === 'object' && !(value instanceof Blob)) {
      if (depth >= MAX_DEPTH) return new ApiError(400, `Parameters must not nest deeper than ${MAX_DEPTH} levels`);
      for (const [key, v] of Object.entries(value)) {
        const child: Visit = { value: v, depth: depth + 1, key, parent: visit };
        if (key.includes('\u0000')) return new ApiError(400, 'Parameters must not contain NUL characters');
        if (!isWellFormedText(key)) return notText(fieldOf(child));
        stack.push(child);
      }
    }
  }
  return null;
}

const ESCAPE_RUNS = /(?:%[0-9a-f]{2})+/gi;

/** Whether the %-escapes of a form-encoded key or value spell UTF-8 (a stray '%' is kept as typed, as qs keeps it). */
function spellsUtf8(encoded: string): boolean {
  for (const run of encoded.match(ESCAPE_RUNS) ?? []) {
    if (!isUtf8(Buffer.from(run.replace(/%/g, ''), 'hex'))) return false;
  }
  return true;
}

/** A form key (`a[b][0]`) named as other errors name fields (`a.b.0`). */
function formField(encoded: string): string {
  let key = encoded.replace(/\+/g, ' ');
  try {
    key = decodeURIComponent(key);
  } catch {
    // named as sent
  }
  return key.replace(/\]?\[|\]/g, '.').replace(/\.+$/, '') || 'parameters';
}

/**
 * Form encoding (bodies and query strings) parsed; a field whose escapes are not UTF-8 (%ED%A0%80,
 * a lone surrogate as CESU-8 spells it) is refused like a lone surrogate in JSON. qs would keep
 * such a value undecoded, silently.
 */
function parseForm(encoded: string): Params {
  if (encoded.includes('%')) {
    for (const pair of encoded.split('&')) {
      const at = pair.indexOf('=');
      const key = at < 0 ? pair : pair.slice(0, at);
      if (!spellsUtf8(pair)) throw notText(formField(key));
    }
  }
  return qs.parse(encoded, QS_OPTIONS) as Params;
}

/** The query string's parameters: most reads send none, and need no parsing of the address. */
function queryOf(url: string): Params {
  const at = url.indexOf('?');
  if (at < 0) return {};
  // A request's target carries no fragment; one in a hand-made URL is not part of the query.
  const end = url.indexOf('#', at);
  const search = url.slice(at + 1, end < 0 ? undefined : end);
  return search === '' ? {} : parseForm(search);
}

/** All parameters of the request, body over query, parsed once and kept on the context. */
export async function params(c: Context): Promise<Params> {
  const cached = c.get('params' as never) as Params | undefined;
  if (cached) return cached;
  const query = queryOf(c.req.url);
  const merged = { ...query, ...(await readBody(c)), ...c.req.param() };
  const problem = problemIn(merged);
  if (problem) throw problem;
  c.set('params' as never, merged as never);
  return merged;
}

/** Parses parameters with a zod schema: a missing one is 400, a wrong one is 422 (as Mastodon does). */
export async function input<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return validate(await params(c), schema);
}

/** `input`'s judgement of parameters gathered elsewhere (a streamed upload's text parts). */
export function validate<S extends z.ZodType>(all: Record<string, unknown>, schema: S): z.output<S> {
  const problem = problemIn(all);
  if (problem) throw problem;
  const result = schema.safeParse(all);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const at = (p: PropertyKey[]) => p.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), all);
  const missing = issues.filter((i) => at(i.path) === undefined);
  if (missing.length === issues.length) {
    throw new ApiError(400, `Missing required parameter: ${missing.map((i) => i.path.join('.')).join(', ')}`);
  }
  const details = Object.fromEntries(issues.map((i) => [i.path.join('.') || 'parameters', [{ error: 'ERR_INVALID' as const, description: i.message }]]));
  const summary = issues.map((i) => `${i.path.join('.') || 'parameters'}: ${i.message}`).join(', ');
  throw new ApiError(422, `Validation failed: ${summary}`, { details });
}

// Rails' boolean casting: these strings are false, any other present value is true.
const FALSE_VALUES = new Set(['false', '0', 'f', 'off', 'no', 'n', '']);

export const zBool = z.union([z.boolean(), z.number(), z.string()]).transform((v) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return !FALSE_VALUES.has(v.trim().toLowerCase());
});

/** A string parameter; numbers are accepted and turned into strings, as form encoding would. */
export const zString = z.union([z.string(), z.number()]).transform((v) => String(v));

/** An integer parameter given as a number or a numeric string. */
export const zInt = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/, 'must be an integer')])
  .transform((v) => Number(v))
  .pipe(z.number().refine(Number.isSafeInteger, 'is out of range'));

/** A date and time in ISO 8601, as a Date: with `Z`, an offset, or neither (UTC, as Rails reads it). */
export const zDateTime = zString
  .pipe(z.iso.datetime({ offset: true, local: true, error: 'must be an ISO 8601 date and time' }))
  .transform((v) => new Date(/(Z|[+-]\d{2}:\d{2})$/i.test(v) ? v : `${v}Z`));

/** A list given as an array, an indexed object ({"0": .., "1": ..}) or a single value. */
export function zList<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => {
    if (Array.isArray(v)) return v;
    if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
        return keys.sort((a, b) => Number(a) - Number(b)).map((k) => (v as Record<string, unknown>)[k]);
      }
    }
    return [v];
  }, z.array(item));
}
