// Parley's events API (docs/events.md) as an OpenAPI 3.1 document, served at
// /api/parley/v1/openapi.json. Written in TypeScript so the compiler checks its shape; the OpenAPI
// test validates every answer of the API against it.
import { errorResponses, parameters } from './openapi-operations.ts';
import { eventPaths } from './openapi-paths.ts';
import { questionPaths } from './openapi-question-paths.ts';
import { schemas } from './openapi-schemas.ts';
import type { OpenApiDocument } from './openapi-types.ts';

export const PARLEY_API_BASE = '/api/parley/v1';

export function openApiDocument(origin: string): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parley events API',
      version: '1.0.0',
      description:
        'Live events on Parley: Q&A sessions, press briefings and live coverage, with questions from any fediverse server. Authentication is Mastodon\'s (OAuth 2 bearer tokens from /oauth/token); errors are Mastodon\'s `{"error": ...}`. Events stream over /api/v1/streaming (stream=event&event=:id).',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: `${origin}${PARLEY_API_BASE}` }],
    tags: [
      { name: 'Events', description: 'Creating, editing, ending, listing and exporting events' },
      { name: 'Questions', description: 'Asking, voting, moderating and answering' },
      { name: 'Participants and hands', description: 'Co-hosts, moderators, accredited participants; raised hands in a briefing' },
      { name: 'Coverage updates', description: "A coverage event's live timeline" },
    ],
    paths: { ...eventPaths, ...questionPaths },
    components: {
      schemas,
      parameters,
      responses: errorResponses,
      securitySchemes: {
        OAuth2: {
          type: 'oauth2',
          description: "Mastodon's OAuth 2: register an app at /api/v1/apps, then the authorization code flow.",
          flows: {
            authorizationCode: {
              authorizationUrl: `${origin}/oauth/authorize`,
              tokenUrl: `${origin}/oauth/token`,
              scopes: { 'read:statuses': 'read events, questions and hands', 'write:statuses': 'create and run events, ask, vote, answer' },
            },
          },
        },
      },
    },
  };
}
