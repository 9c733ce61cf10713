// Validates Parley's own API answers against Parley's OpenAPI document (src/api/parley/openapi.ts,
// served at /api/parley/v1/openapi.json), as conformance.ts does for Mastodon's API against
// Mastodon's description. Every answer must be described: an operation or status the document
// does not name is a problem too, and the operations checked are counted, so a test can tell what
// it never drove.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const DOC_ID = 'https://parley.invalid/parley-openapi.json';
type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export interface ParleyConformance {
  /** problems of one answer ([] when it conforms); `pathname` as requested, /api/parley/v1/… */
  check(method: string, pathname: string, status: number, contentType: string, body: unknown): string[];
  /** every operation of the document, `GET /events/{id}` */
  operations(): string[];
  /** the operations an answer was checked for */
  checked(): Set<string>;
  /** schemas compiled from the document, by component name */
  entity(name: string, body: unknown): string[];
}

function templateRegex(template: string): RegExp {
  return new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`);
}
const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function parleyConformance(document: Json): ParleyConformance {
  const base = new URL(document.servers[0].url).pathname.replace(/\/$/, '');
  const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // The document's own fields, which hold schemas but are none: strict mode still checks every schema reached.
  ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'tags', 'paths', 'components']);
  ajv.addSchema({ ...document, $id: DOC_ID });
  // Literal paths first: /events/{id}/hand before a template that would also match.
  const templates = Object.keys(document.paths).sort((a, b) => Number(a.includes('{')) - Number(b.includes('{')) || b.length - a.length);
  const matchers = templates.map((template) => ({ template, regex: templateRegex(template) }));
  const validators = new Map<string, ValidateFunction>();
  const seen = new Set<string>();
  const validator = (pointer: string) => {
    let v = validators.get(pointer);
    if (!v) {
      v = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      validators.set(pointer, v);
    }
    return v;
  };
  const errors = (v: ValidateFunction, label: string) => (v.errors ?? []).slice(0, 10).map((e) => `${label}: ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);

  /** Where the response of this status is described (following a $ref to the shared responses). */
  function responsePointer(template: string, method: string, status: number): string | undefined {
    const response = document.paths[template][method].responses[String(status)];
    if (!response) return undefined;
    if (response.$ref) return (response.$ref as string).slice(1);
    return `/paths/${escapePointer(template)}/${method}/responses/${status}`;
  }

  /** The problems of an answer to an operation the document has. */
  function describedProblems(template: string, method: string, label: string, status: number, contentType: string, body: unknown): string[] {
    const pointer = responsePointer(template, method, status);
    if (!pointer) return [`${label}: the document describes no ${status} answer for ${method.toUpperCase()} ${template}`];
    const mediaType = contentType.split(';')[0]!.trim();
    const content = pointer
      .slice(1)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<Json>((node, key) => node[key], document).content;
    if (!content) return [];
    if (!content[mediaType]) return [`${label}: answered ${mediaType}, the document says ${Object.keys(content).join(' or ')}`];
    const v = validator(`${pointer}/content/${escapePointer(mediaType)}/schema`);
    return v(body) ? [] : errors(v, label);
  }

  return {
    check(method, pathname, status, contentType, body) {
      const m = method.toLowerCase();
      const label = `${method} ${pathname} ${status}`;
      if (!pathname.startsWith(`${base}/`)) return [`${label}: not under ${base}`];
      const rest = pathname.slice(base.length).split('?')[0]!;
      const match = matchers.find((x) => x.regex.test(rest) && document.paths[x.template][m]);
      if (!match) return [`${label}: no operation of the document describes it`];
      const problems = describedProblems(match.template, m, label, status, contentType, body);
      // Only answers that conform count as the operation checked.
      if (problems.length === 0) seen.add(`${method.toUpperCase()} ${match.template}`);
      return problems;
    },
    operations: () => Object.entries(document.paths as Json).flatMap(([template, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${template}`)),
    checked: () => new Set(seen),
    entity(name, body) {
      const v = validator(`/components/schemas/${name}`);
      return v(body) ? [] : errors(v, name);
    },
  };
}
