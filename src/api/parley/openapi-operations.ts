// What the path descriptions share: the shape of an operation, its parameters and error answers.
import { arrayOf, int, json, type Operation, type Parameter, type Response, ref, type Schema, str } from './openapi-types.ts';

type ErrorCode = 400 | 401 | 403 | 404 | 422 | 429;
const ERROR_NAMES: Record<ErrorCode, string> = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 422: 'Unprocessable', 429: 'TooManyRequests' };

export const errorResponses: Record<string, Response> = {
  BadRequest: json('A required parameter is missing, or the body cannot be read', ref('Error')),
  Unauthorized: json('No valid access token, or one without the scope this needs', ref('Error')),
  Forbidden: json("The viewer's role in the event does not allow this", ref('Error')),
  NotFound: json('No such event or question, or not one the viewer may see', ref('Error')),
  Unprocessable: json('Invalid parameters (`details` names the fields), or not possible in this state (the event ended, already voted…)', ref('Error')),
  TooManyRequests: json('Too many questions or requests; try again later', ref('Error')),
};

export const parameters: Record<string, Parameter> = {
  EventId: { name: 'id', in: 'path', required: true, description: "the event's id", schema: { type: 'string', description: 'a snowflake id, as a string' } },
  QuestionId: { name: 'qid', in: 'path', required: true, description: "the question's id", schema: { type: 'string' } },
  AccountId: { name: 'account_id', in: 'path', required: true, description: "the account's id", schema: { type: 'string' } },
};

export const query = (name: string, schema: Schema, description: string): Parameter => ({ name, in: 'query', description, schema });
export const limit = (byDefault: number, max: number) => query('limit', { ...int, minimum: 1, maximum: max, default: byDefault }, 'how many at most');
export const maxId = query('max_id', str, 'only those older than this id');

interface Spec {
  summary: string;
  description?: string;
  /** path parameters, by their component names */
  path?: ('EventId' | 'QuestionId' | 'AccountId')[];
  query?: Parameter[];
  /** the request body's properties (JSON or form-encoded, as every Mastodon API takes them) */
  body?: { properties: Record<string, Schema>; required?: string[] };
  ok: Response;
  /** the scope a token needs; none for what anyone may read */
  scope?: 'read:statuses' | 'write:statuses';
  /** signed in, but the answer depends on who (no scope demanded) */
  optionalAuth?: boolean;
  errors: ErrorCode[];
}

/** An operation of the events API. */
export function operation(operationId: string, tag: string, spec: Spec): Operation {
  const op: Operation = { operationId, summary: spec.summary, tags: [tag], responses: { 200: spec.ok } };
  if (spec.description) op.description = spec.description;
  const params = [...(spec.path ?? []).map((p) => ({ $ref: `#/components/parameters/${p}` })), ...(spec.query ?? [])];
  if (params.length > 0) op.parameters = params;
  if (spec.body) {
    const schema: Schema = { type: 'object', properties: spec.body.properties, ...(spec.body.required ? { required: spec.body.required } : {}) };
    op.requestBody = { required: Boolean(spec.body.required?.length), content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } } };
  }
  if (spec.scope) op.security = [{ OAuth2: [spec.scope] }];
  else if (spec.optionalAuth) op.security = [{}, { OAuth2: [] }];
  else op.security = [];
  // A required parameter missing is a 400, as in Mastodon (a wrong one is a 422).
  const errors: ErrorCode[] = spec.body?.required?.length ? [400, ...spec.errors] : spec.errors;
  for (const code of errors) op.responses[code] = { $ref: `#/components/responses/${ERROR_NAMES[code]}` };
  return op;
}

export const ok = json;
export const list = (description: string, entity: string) => json(description, arrayOf(ref(entity)));
export const empty = json('Done: an empty object', ref('Empty'));
