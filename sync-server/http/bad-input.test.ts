/**
 * [P11] Whatever arrives, the server answers in the contract's error shape,
 * stays up and stores nothing half-way. Property test: fast-check generates
 * malformed JSON, wrong types, unknown collections, oversized batches,
 * content types and random headers and tokens, with and without a real
 * device token.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../src/domain/records/collections.ts';
import { BODY_LIMIT_BYTES } from '../../src/domain/wire/limits.ts';
import { enroll, reading, row, sqliteEngine, startTestServer, type Enrolled, type TestServer } from './testing/test-support.ts';

/** Seeded so a failure is reproducible; fast-check prints the failing case. */
const SEED = 20260302;

let s: TestServer;
let tablet: Enrolled;
let wall: Enrolled;

beforeAll(async () => {
  s = await startTestServer(sqliteEngine);
  tablet = await enroll(s, 'tablet');
  wall = await enroll(s, 'wall_screen');
});
afterAll(async () => {
  await s.close();
});

const printable = fc.string({ maxLength: 60 });
const collection = fc.oneof(fc.constantFrom(...COLLECTION_NAMES), printable.map((x) => encodeURIComponent(x) || 'x'));

const authHeader = fc.oneof(
  fc.constant<string | null>(null),
  fc.constant('tablet'),
  fc.constant('wall'),
  printable,
  printable.map((t) => `Bearer ${t}`),
);

const notJson = fc.oneof(
  printable.filter((t) => {
    try {
      JSON.parse(t);
      return false;
    } catch {
      return true;
    }
  }),
  fc.constantFrom('{', '{"rows": [', '[1,2', '{"code": }', 'null null', '\u0000'),
);

/** Push rows that are structurally there but wrong in content or type. */
const badRow = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ newDocumentState: fc.jsonValue({ maxDepth: 2 }), assumedMasterState: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    newDocumentState: fc.record({ id: fc.oneof(printable, fc.integer()), plantId: fc.oneof(printable, fc.constant('plant-peoria')), value: fc.jsonValue({ maxDepth: 1 }) }),
    assumedMasterState: fc.constant(null),
  }),
  // A reading with one field of the wrong type.
  fc.constantFrom('value', 'plantId', 'recordedAt', 'personId', 'productionDate').chain((field) =>
    fc.jsonValue({ maxDepth: 1 }).filter((v) => typeof v !== 'string' && typeof v !== 'number').map((v) => row({ ...reading(), [field]: v })),
  ),
);

/**
 * The Content-Type of a body: mostly JSON (so the cases above reach the routes), else
 * types the server has no parser for, malformed headers, none at all, or random text.
 */
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'text/plain',
      'text/plain; charset=utf-8',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/vnd.api+json',
      'application/jsonx',
      'application/octet-stream',
      'json',
      '',
      ';',
    ),
  },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: printable },
);

/** What Fastify's JSON parser takes: the media type application/json, any case, with or without parameters. */
function namesJson(type: string | null): boolean {
  return type !== null && /^\s*application\/json\s*(;|$)/i.test(type);
}

/** The POST routes (after the URL's dot segments are resolved, as the request does). */
const POST_ROUTE = /^\/api\/(enroll|enrollment-codes|devices\/[^/]+\/revoke|replication\/[^/]+\/push)$/;

type Req = { method: 'GET' | 'POST'; url: string; auth: string | null; person: string | null; type: string | null; body: string | undefined };

const request: fc.Arbitrary<Req> = fc.oneof(
  // Malformed JSON anywhere that takes a body.
  fc.record({
    method: fc.constant('POST' as const),
    url: fc.oneof(fc.constant('/api/enroll'), fc.constant('/api/enrollment-codes'), collection.map((c) => `/api/replication/${c}/push`)),
    auth: authHeader,
    person: fc.option(printable, { nil: null }),
    type: contentType,
    body: notJson,
  }),
  // Well-formed JSON of the wrong shape.
  fc.record({
    method: fc.constant('POST' as const),
    url: fc.oneof(fc.constant('/api/enroll'), fc.constant('/api/enrollment-codes'), printable.map((id) => `/api/devices/${encodeURIComponent(id) || 'x'}/revoke`)),
    auth: authHeader,
    person: fc.option(printable, { nil: null }),
    type: contentType,
    body: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  }),
  // Pushes with bad rows, to any collection, as any device.
  fc.record({
    method: fc.constant('POST' as const),
    url: collection.map((c) => `/api/replication/${c}/push`),
    auth: authHeader,
    person: fc.option(printable, { nil: null }),
    type: contentType,
    body: fc.oneof(
      fc.array(badRow, { maxLength: 5 }).map((rows) => JSON.stringify({ rows })),
      fc.jsonValue({ maxDepth: 2 }).map((rows) => JSON.stringify({ rows })),
    ),
  }),
  // Pulls with bad checkpoints and limits or a bad token.
  fc.record({
    method: fc.constant('GET' as const),
    url: fc
      .tuple(collection, printable, printable)
      .map(([c, cp, lim]) => `/api/replication/${c}/pull?checkpoint=${encodeURIComponent(cp || '-1')}&limit=${encodeURIComponent(lim || '0')}`),
    auth: authHeader,
    person: fc.constant(null),
    type: fc.constant(null),
    body: fc.constant(undefined),
  }),
);

function headersOf(r: Req): Record<string, string> {
  const h: Record<string, string> = {};
  if (r.type !== null) h['content-type'] = r.type;
  if (r.auth === 'tablet') h.authorization = tablet.auth.authorization;
  else if (r.auth === 'wall') h.authorization = wall.auth.authorization;
  else if (r.auth !== null) h.authorization = r.auth;
  if (r.person !== null) h['x-tierboard-person'] = r.person;
  return h;
}

function expectContractError(res: { statusCode: number; json: () => unknown }): void {
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  const body = res.json() as { error: unknown; message: unknown };
  expect(typeof body.error).toBe('string');
  expect(body.error).toMatch(/^[a-z_]+$/);
  expect(typeof body.message).toBe('string');
  expect((body.message as string).length).toBeGreaterThan(0);
}

describe('bad input', () => {
  it('[P11] every malformed request gets a 4xx {error, message}, nothing is stored, the server stays up', async () => {
    const head = await s.store.headPosition();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const res = await s.app.inject({ method: r.method, url: r.url, headers: headersOf(r), ...(r.body !== undefined ? { payload: r.body } : {}) });
        // A body that is not JSON is refused as such before anything else is looked at
        // (an empty body without a Content-Type is no body: the route refuses it).
        const sentBody = r.body !== undefined && (r.type !== null || r.body !== '');
        if (sentBody && !namesJson(r.type)) {
          const route = POST_ROUTE.test(new URL(r.url, 'http://x').pathname);
          if (route || res.statusCode !== 404) {
            expect(res.statusCode).toBe(415);
            expect(res.json()).toMatchObject({ error: 'unsupported_media_type' });
          }
        }
        if (res.statusCode === 200) {
          // The one 200 allowed: a push whose every row was refused, one by one.
          expect(r.url).toMatch(/\/push$/);
          const body = res.json<{ conflicts: unknown[]; rejected: { error: string; message: string }[] }>();
          expect(body.conflicts).toEqual([]);
          for (const rej of body.rejected) expect(rej.message.length).toBeGreaterThan(0);
        } else {
          expectContractError(res);
        }
        expect(res.headers['x-server-time']).toBeDefined();
        expect((await s.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
        expect(await s.store.headPosition()).toBe(head);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('[P11] a body over 4 MB is refused as too large', async () => {
    const huge = JSON.stringify({ rows: [row({ ...reading(), note: 'x'.repeat(BODY_LIMIT_BYTES) })] });
    const res = await s.app.inject({ method: 'POST', url: '/api/replication/kpi_readings/push', headers: { ...tablet.auth, 'content-type': 'application/json' }, payload: huge });
    expect(res.statusCode).toBe(413);
    expectContractError(res);
    expect(res.json()).toMatchObject({ error: 'batch_too_large' });
  });

  it('[P11] a push of more than 500 rows is refused whole, nothing stored', async () => {
    const head = await s.store.headPosition();
    const rows = Array.from({ length: 501 }, () => row(reading()));
    const res = await s.app.inject({ method: 'POST', url: '/api/replication/kpi_readings/push', headers: tablet.auth, payload: { rows } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'batch_too_large' });
    expect(await s.store.headPosition()).toBe(head);
  });

  it('[P11] a body that is not JSON at all is refused 415 with its content type named', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/enroll', headers: { 'content-type': 'text/plain' }, payload: 'K7QX-M4PF' });
    expectContractError(res);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: 'unsupported_media_type', message: expect.stringContaining('"text/plain"') });
  });
});
