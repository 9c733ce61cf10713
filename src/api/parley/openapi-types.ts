// The part of OpenAPI 3.1 Parley's description uses, typed so that the compiler checks its shape
// (a misspelt key or a wrong nesting fails `tsc`), and the helpers that keep it short.

/** JSON Schema 2020-12, as OpenAPI 3.1 embeds it. */
export interface Schema {
  $ref?: string;
  type?: SchemaType | SchemaType[];
  format?: 'date-time' | 'uri' | 'int64';
  enum?: readonly (string | null)[];
  const?: string | number | boolean;
  properties?: Record<string, Schema>;
  required?: readonly string[];
  additionalProperties?: boolean | Schema;
  maxProperties?: number;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  description?: string;
  deprecated?: boolean;
}
type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: Schema;
}

export interface MediaType {
  schema: Schema;
}

export interface Response {
  description: string;
  headers?: Record<string, { description: string; schema: Schema }>;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response | { $ref: string }>;
  security?: Record<string, string[]>[];
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type PathItem = Partial<Record<Method, Operation>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license?: { name: string; identifier: string } };
  jsonSchemaDialect?: string;
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, Response>;
    securitySchemes: Record<string, { type: 'oauth2' | 'http'; description?: string; scheme?: string; flows?: Record<string, unknown> }>;
  };
}

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });
export const str: Schema = { type: 'string' };
export const id: Schema = { type: 'string', description: 'a snowflake id, as a string' };
export const dateTime: Schema = { type: 'string', format: 'date-time' };
export const uri: Schema = { type: 'string', format: 'uri' };
export const int: Schema = { type: 'integer', minimum: 0 };
export const bool: Schema = { type: 'boolean' };
export const arrayOf = (items: Schema): Schema => ({ type: 'array', items });

/** An object whose every listed property is present, and no other (Parley's own entities). */
export function strict(properties: Record<string, Schema>, optional: readonly string[] = []): Schema {
  return { type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.includes(k)), additionalProperties: false };
}

/** A JSON answer of this schema. */
export const json = (description: string, schema: Schema): Response => ({ description, content: { 'application/json': { schema } } });
