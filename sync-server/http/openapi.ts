/**
 * The API as an OpenAPI 3.1 document, GET /api/openapi.json ([P14]), generated
 * by @fastify/swagger from the routes' schemas (route-schemas.ts, built from
 * src/domain/wire/protocol-schemas.ts): what the server checks is what it
 * publishes. sync-server/API.md stays the prose.
 *
 * Register before any route: the plugin collects routes as they are added.
 */
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { COLLECTION_NAMES } from '../../src/domain/records/collections.ts';
import { SCHEMAS } from '../../src/domain/records/schemas.ts';
import { API_ROUTES } from '../../src/domain/wire/protocol.ts';
import { recordOnWireSchema, REFUSAL_KEYWORD } from '../../src/domain/wire/protocol-schemas.ts';

export const OPENAPI_PATH = API_ROUTES.openapi;

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tierboard sync API',
        version: '1',
        description: 'What a device and the Tierboard sync server say to each other. The prose, with the rules cited as [P3], [A6]: sync-server/API.md and sync-server/SPEC.md.',
      },
      components: {
        securitySchemes: {
          deviceToken: { type: 'http', scheme: 'bearer', description: 'The device token from POST /api/enroll ([A3]).' },
          opsToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'TIERBOARD_OPS_TOKEN, as a bearer token or the password of basic auth; when the server has none set, the plant network only ([O2]).',
          },
        },
        // Each collection's record as pulled, pushed and streamed: the schemas the records use.
        schemas: Object.fromEntries(COLLECTION_NAMES.map((name) => [name, recordOnWireSchema(SCHEMAS[name])])),
      },
    },
    // The plain words of a refusal are for the server's answers; the document says what is valid.
    transform: ({ schema, url }) => ({ schema: withoutRefusals(schema) as typeof schema, url }),
  });
  app.get(
    OPENAPI_PATH,
    { schema: { summary: 'This document: every route as OpenAPI 3.1', tags: ['server'], response: { 200: { type: 'object', description: 'The OpenAPI document.' } } } },
    async () => app.swagger(),
  );
}

/** A copy of a schema without the `x-refusal` annotations. */
function withoutRefusals(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRefusals);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== REFUSAL_KEYWORD).map(([k, v]) => [k, withoutRefusals(v)]));
}
