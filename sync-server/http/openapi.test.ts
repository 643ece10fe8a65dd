/**
 * [P14] The server describes its API as a valid OpenAPI 3.1 document, generated from the same
 * schemas it validates with, and the document names every route the server has.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../src/domain/records/collections.ts';
import { PHOTO_MAX } from '../../src/domain/records/json-schema.ts';
import { sampleRecord } from '../../src/domain/records/testing/sample-records.ts';
import { PUSH_ROWS_MAX } from '../../src/domain/wire/limits.ts';
import { API_ROUTES } from '../../src/domain/wire/protocol.ts';
import { OPENAPI_PATH } from './openapi.ts';
import { sqliteEngine, startTestServer, type TestServer } from './testing/test-support.ts';

let s: TestServer;
let base: string;

beforeAll(async () => {
  s = await startTestServer(sqliteEngine);
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await s.close();
});

interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, { maxItems?: number }> } }> };
  responses: Record<string, unknown>;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Record<string, unknown>> } };

/**
 * Every route the server has, `METHOD /path`, read from Fastify's route tree: each line is a
 * piece of path under its parent's (`│   └── ment-codes (POST)` under `/api/enroll`), and the
 * methods in brackets mark a route. HEAD routes are Fastify's own copies of the GET routes.
 */
function registeredRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    const path = (prefixes[depth - 1] ?? '') + (m[2] ?? '');
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) routes.push(`${method} ${path}`);
  }
  return routes.sort();
}

function documentedRoutes(doc: Document): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
    .sort();
}

describe('OpenAPI document', () => {
  it(`[P14] GET ${OPENAPI_PATH} is a valid OpenAPI 3.1 document naming every route the server has`, async () => {
    const res = await fetch(`${base}${OPENAPI_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as Document;
    expect(doc.openapi).toBe('3.1.0');
    // Throws, naming the fault, on a document that is not valid OpenAPI.
    await SwaggerParser.validate(structuredClone(doc) as never);

    const registered = registeredRoutes(s.app);
    expect(registered).toEqual([
      'GET /api/health',
      'GET /api/me',
      'GET /api/openapi.json',
      'GET /api/ops/devices',
      'GET /api/replication/:collection/pull',
      'GET /api/replication/stream',
      'GET /api/time',
      'GET /metrics',
      'GET /ops/health',
      'GET /ops/health.css',
      'POST /api/devices/:id/revoke',
      'POST /api/enroll',
      'POST /api/enrollment-codes',
      'POST /api/person-sessions',
      'POST /api/replication/:collection/push',
    ]);
    expect(documentedRoutes(doc)).toEqual(registered);
    // The paths the client and the server share (src/domain/wire/protocol.ts) are those routes.
    expect(new Set(registered.map((r) => r.split(' ')[1]))).toEqual(new Set(Object.values(API_ROUTES)));
  });

  it('[P14] the document is built from the schemas the server checks with: limits, tokens, answers', async () => {
    const doc = (await (await fetch(`${base}${OPENAPI_PATH}`)).json()) as Document;
    const push = doc.paths['/api/replication/{collection}/push']?.post;
    expect(push?.requestBody?.content['application/json']?.schema.properties?.rows?.maxItems).toBe(PUSH_ROWS_MAX);
    expect(JSON.stringify(doc)).not.toContain('x-refusal');
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const open = ['/api/enroll', '/api/time', '/api/health', OPENAPI_PATH].includes(path);
        expect({ route: `${method} ${path}`, token: op.security !== undefined }).toEqual({ route: `${method} ${path}`, token: !open });
        expect(Object.keys(op.responses).some((status) => status.startsWith('2'))).toBe(true);
      }
    }
  });

  it("[P14] each collection's record is published with the schema the records use, and a record of each as it travels fits it", async () => {
    const doc = (await (await fetch(`${base}${OPENAPI_PATH}`)).json()) as Document;
    expect(Object.keys(doc.components.schemas).sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(JSON.stringify(doc.components.schemas.escalations)).toContain(`"maxLength":${PHOTO_MAX}`);
    const ajv = new Ajv2020({ strict: false });
    for (const name of COLLECTION_NAMES) {
      const fits = ajv.compile(doc.components.schemas[name] ?? {});
      expect({ name, fits: fits({ ...sampleRecord(name), _deleted: false }) }).toEqual({ name, fits: true });
      expect({ name, fits: fits({ ...sampleRecord(name), stray: 1 }) }).toEqual({ name, fits: false });
    }
  });
});
