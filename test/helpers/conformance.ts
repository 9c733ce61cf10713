// Validates Parley's responses against the Mastodon OpenAPI description in ../shared/conformance.
// The description is not part of Parley; where it is absent, validation is skipped with a message.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SPEC_PATH = path.resolve(ROOT, '../shared/conformance/mastodon-openapi.json');
const SPEC_ID = 'https://parley.invalid/mastodon-openapi.json';

type Json = Record<string, any>;

/**
 * Where Parley knowingly differs from the (strict) description, with the reason. Keep it short.
 * Each entry edits the description before it is compiled.
 */
const RELAXATIONS: { why: string; apply(spec: Json): void }[] = [
  {
    why: 'Mastodon itself sends an empty contact e-mail when the operator set none; the description demands an address.',
    apply: (s) => {
      delete s.components.schemas.V1Instance.properties.email.format;
      if (s.components.schemas.Instance.properties.contact?.properties?.email) delete s.components.schemas.Instance.properties.contact.properties.email.format;
    },
  },
  {
    why: 'Redirect URIs may be the out-of-band marker urn:ietf:wg:oauth:2.0:oob, a URI that ajv-formats rejects for lack of "//".',
    apply: (s) => {
      for (const name of ['Application', 'CredentialApplication']) {
        const items = s.components.schemas[name]?.properties?.redirect_uris?.items;
        if (items) delete items.format;
      }
    },
  },
  {
    why: "Mastodon answers oEmbed's height as the number asked for (maxheight), or null; the description says a string.",
    apply: (s) => {
      const height = s.components.schemas.OEmbedResponse?.properties?.height;
      if (height) height.type = ['integer', 'null'];
    },
  },
];

export interface Conformance {
  available: boolean;
  /** problems for one response, or [] when it conforms or the operation is not described */
  check(method: string, pathname: string, status: number, body: unknown): string[];
  entity(name: string, body: unknown): string[];
}

function templateToRegex(template: string): RegExp {
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${pattern}/?$`);
}

let cached: Conformance | undefined;

export function loadConformance(): Conformance {
  if (cached) return cached;
  if (!fs.existsSync(SPEC_PATH)) {
    console.log(`# conformance: ${SPEC_PATH} is absent; response validation skipped`);
    cached = { available: false, check: () => [], entity: () => [] };
    return cached;
  }
  const spec = JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8')) as Json;
  for (const r of RELAXATIONS) r.apply(spec);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('iso-639-1', /^[a-z]{2,3}$/);
  ajv.addFormat('scopes', true);
  ajv.addFormat('binary', true);
  ajv.addSchema({ ...spec, $id: SPEC_ID });

  // Literal paths first, so /accounts/lookup is not taken for /accounts/{id}.
  const paths = Object.keys(spec.paths as Json).sort((a, b) => Number(a.includes('{')) - Number(b.includes('{')) || b.length - a.length);
  const matchers = paths.map((p) => ({ template: p, regex: templateToRegex(p) }));
  const validators = new Map<string, ValidateFunction>();

  const validatorFor = (pointer: string): ValidateFunction => {
    let v = validators.get(pointer);
    if (!v) {
      v = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
      validators.set(pointer, v);
    }
    return v;
  };
  const describe = (v: ValidateFunction, label: string) =>
    (v.errors ?? []).slice(0, 10).map((e) => `${label}: ${e.instancePath || '(root)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

  cached = {
    available: true,
    check(method, pathname, status, body) {
      const match = matchers.find((m) => m.regex.test(pathname));
      if (!match) return [];
      const operation = (spec.paths as Json)[match.template]?.[method.toLowerCase()];
      const content = operation?.responses?.[String(status)]?.content?.['application/json'];
      if (!content?.schema) return [];
      const pointer = `/paths/${escapePointer(match.template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
      const v = validatorFor(pointer);
      return v(body) ? [] : describe(v, `${method} ${pathname} ${status}`);
    },
    entity(name, body) {
      const v = validatorFor(`/components/schemas/${name}`);
      return v(body) ? [] : describe(v, name);
    },
  };
  return cached;
}
