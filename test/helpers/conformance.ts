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
    why: "A collection's 422 (CustomError422) requires details for `name` alone, drawn from its one example; Mastodon sends details for whichever fields are wrong (description, language, tag_name…).",
    apply: (s) => {
      const details = s.components.schemas.CustomError422?.properties?.error?.properties?.details;
      if (details) delete details.required;
    },
  },
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
    why: 'A scheduled post names the status it answers and its app by id, a string as every id (Mastodon sends in_reply_to_id as one too); the description says integer, which cannot hold a 64-bit id.',
    apply: (s) => {
      const params = s.components.schemas.ScheduledStatus.properties.params.properties;
      params.in_reply_to_id.type = ['string', 'null'];
      params.application_id.type = ['string', 'null'];
    },
  },
  {
    why: 'most_recent_notification_id: Mastodon documents it as a String (its own sequence ids fit a JSON number); Parley sends it as a string, since snowflake ids do not fit a JavaScript number.',
    apply: (s) => {
      s.components.schemas.NotificationGroup.properties.most_recent_notification_id = { type: 'string' };
    },
  },
  {
    why: 'Mastodon 4.3 also serves the v1 notification policy; the description has its entity (V1NotificationPolicy) but not its path, which would otherwise be read as /api/v1/notifications/{id}.',
    apply: (s) => {
      const answer = { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/V1NotificationPolicy' } } } } } };
      s.paths['/api/v1/notifications/policy'] ??= { get: answer, put: answer, patch: answer };
    },
  },
  {
    why: "Mastodon answers oEmbed's height as the number asked for (maxheight), or null; the description says a string.",
    apply: (s) => {
      const height = s.components.schemas.OEmbedResponse?.properties?.height;
      if (height) height.type = ['integer', 'null'];
    },
  },
  {
    why: "Quote and ShallowQuote both require `state` alone and allow other keys, so every quote matches both and oneOf can never hold (Mastodon's own answers fail it): either is accepted.",
    apply: (s) => {
      const quote = s.components.schemas.Status.properties.quote;
      quote.anyOf = quote.oneOf;
      delete quote.oneOf;
    },
  },
  {
    why: 'A link without a preview card: Mastodon sends empty strings for its absent author_url, provider_url and embed_url; the description says they are URIs.',
    apply: (s) => {
      for (const name of ['PreviewCard', 'TrendsLink']) for (const field of ['author_url', 'provider_url', 'embed_url']) delete s.components.schemas[name]?.properties?.[field]?.format;
    },
  },
  {
    why: 'GET /api/v1/filters answers a list of V1Filter (the description\'s own words, "List of [V1::Filter]"), but its schema is one V1Filter.',
    apply: (s) => {
      const content = s.paths['/api/v1/filters']?.get?.responses?.[200]?.content?.['application/json'];
      if (content) content.schema = { type: 'array', items: { $ref: '#/components/schemas/V1Filter' } };
    },
  },
  {
    why: 'Mastodon answers the removal of a status from a filter with an empty object (render_empty; the documentation shows `{}` too); the description says a FilterStatus.',
    apply: (s) => {
      const content = s.paths['/api/v2/filters/statuses/{id}']?.delete?.responses?.[200]?.content?.['application/json'];
      if (content) content.schema = { type: 'object', maxProperties: 0 };
    },
  },
];

/** One operation of the description: its method, path template (`/api/v1/statuses/{id}`) and tags. */
export interface Operation {
  method: string;
  template: string;
  operationId: string;
  tags: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export interface Conformance {
  available: boolean;
  /** problems for one response, or [] when it conforms or the operation is not described */
  check(method: string, pathname: string, status: number, body: unknown): string[];
  /** whether the description gives a JSON schema for this answer (the only ones check() validates) */
  describes(method: string, pathname: string, status: number): boolean;
  entity(name: string, body: unknown): string[];
  /** every operation described, in the description's order */
  operations(): Operation[];
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
    cached = { available: false, check: () => [], describes: () => false, entity: () => [], operations: () => [] };
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

  /** Where the description keeps the JSON schema of this answer, if it has one. */
  const schemaPointer = (method: string, pathname: string, status: number): string | undefined => {
    const match = matchers.find((m) => m.regex.test(pathname));
    if (!match) return undefined;
    const operation = (spec.paths as Json)[match.template]?.[method.toLowerCase()];
    const content = operation?.responses?.[String(status)]?.content?.['application/json'];
    if (!content?.schema) return undefined;
    return `/paths/${escapePointer(match.template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  };

  cached = {
    available: true,
    check(method, pathname, status, body) {
      const pointer = schemaPointer(method, pathname, status);
      if (!pointer) return [];
      const v = validatorFor(pointer);
      return v(body) ? [] : describe(v, `${method} ${pathname} ${status}`);
    },
    describes: (method, pathname, status) => schemaPointer(method, pathname, status) !== undefined,
    entity(name, body) {
      const v = validatorFor(`/components/schemas/${name}`);
      return v(body) ? [] : describe(v, name);
    },
    operations: () =>
      Object.entries(spec.paths as Json).flatMap(([template, item]) =>
        METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), template, operationId: String(item[m].operationId ?? ''), tags: (item[m].tags as string[] | undefined) ?? [] })),
      ),
  };
  return cached;
}
