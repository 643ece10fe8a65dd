/**
 * [E10] The generated bad-input test, route by route from the server's own
 * OpenAPI document: every documented route (a new one is covered the day it is
 * documented, [P14] keeps the document complete) gets generated bad path
 * parameters, queries, headers, tokens and bodies (deep nesting and bytes that
 * are not UTF-8 among them), bodies over the limit, and requests sent too
 * slowly. Whatever arrives: a 4xx in the contract's shape (or the route's own
 * success), nothing stored, the server up. bad-input.test.ts holds the older,
 * hand-listed cases of [P11].
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_DEPTH_MAX, BODY_LIMIT_BYTES } from '../../src/domain/wire/limits.ts';
import { API_ROUTES } from '../../src/domain/wire/protocol.ts';
import { enroll, sqliteEngine, startTestServer, type Enrolled, type TestServer } from './testing/test-support.ts';

/** Seeded so a failure is reproducible; fast-check prints the failing case. */
const SEED = 20261207;

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
}
interface Operation {
  parameters?: Parameter[];
  security?: unknown[];
}
interface Route {
  method: 'GET' | 'POST';
  /** OpenAPI's path, `{name}` for a parameter. */
  path: string;
  op: Operation;
}

let s: TestServer;
let tablet: Enrolled;
let wall: Enrolled;
let routes: Route[] = [];

beforeAll(async () => {
  // Short timeouts for the slow requests; the test waits for the server's answer, never a clock.
  s = await startTestServer(sqliteEngine, { edgeLimits: { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckMs: 50 } });
  tablet = await enroll(s, 'tablet');
  wall = await enroll(s, 'wall_screen');
  const doc = (await s.app.inject({ method: 'GET', url: API_ROUTES.openapi })).json<{ paths: Record<string, Record<string, Operation>> }>();
  routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase() as Route['method'], path, op })));
});
afterAll(async () => {
  await s.close();
});

const text = fc.string({ maxLength: 40 });
/** A path parameter or query value: text, something huge, an id of the right kind, or broken escapes. */
const paramValue = fc.oneof(
  text.map((t) => encodeURIComponent(t) || 'x'),
  fc.constantFrom('kpi_readings', 'people', '..', '%2e%2e', '%00', '-1', '1e9', '00', '9'.repeat(30)),
  fc.constantFrom('%zz', '%', '%c3%28'),
  fc.integer({ min: 1, max: 200 }).map((n) => 'a'.repeat(n * 10)),
);

/** A JSON value nested `depth` deep, as text: arrays or objects. */
const nested = fc.tuple(fc.integer({ min: BODY_DEPTH_MAX - 2, max: 20_000 }), fc.boolean()).map(([depth, arrays]) =>
  arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
);

/** A body: JSON of any shape, deep nesting (alone or in a push row), not JSON, or bytes that are not UTF-8. */
const body: fc.Arbitrary<string | Buffer | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  nested,
  nested.map((deep) => `{"rows":[{"newDocumentState":{"id":"x","note":${deep}},"assumedMasterState":null}]}`),
  nested.map((deep) => `{"code":${deep},"plantId":${deep}}`),
  fc.constantFrom('{', '{"rows": [', 'null null', '\u0000', ''),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => Buffer.concat([Buffer.from('{"code":"'), Buffer.from(bytes), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])),
);

const auth = fc.constantFrom<'none' | 'tablet' | 'wall' | 'junk'>('none', 'tablet', 'wall', 'junk');

interface Case {
  route: number;
  params: string[];
  query: [string, string][];
  auth: 'none' | 'tablet' | 'wall' | 'junk';
  person: string | null;
  type: string | null;
  body: string | Buffer | undefined;
}

const request: fc.Arbitrary<Case> = fc.record({
  route: fc.nat(),
  params: fc.array(paramValue, { minLength: 3, maxLength: 3 }),
  query: fc.array(fc.tuple(fc.constantFrom('checkpoint', 'limit', 'x', 'checkpoint[]'), paramValue), { maxLength: 3 }),
  auth,
  person: fc.option(fc.oneof(text, fc.constant('person-bochum-sabine-hoffmann')), { nil: null }),
  type: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=latin1', '') }, { weight: 1, arbitrary: fc.constant(null) }),
  body,
});

function urlOf(route: Route, params: string[], query: [string, string][]): string {
  let i = 0;
  const path = route.path.replace(/\{\w+\}/g, () => params[i++] ?? 'x');
  const q = query.map(([k, v]) => `${k}=${v}`).join('&');
  return q ? `${path}?${q}` : path;
}

function headersOf(c: Case): Record<string, string> {
  const h: Record<string, string> = {};
  if (c.auth === 'tablet') h.authorization = tablet.auth.authorization;
  if (c.auth === 'wall') h.authorization = wall.auth.authorization;
  if (c.auth === 'junk') h.authorization = 'Bearer not-a-token';
  if (c.person !== null) h['x-tierboard-person'] = c.person;
  if (c.type !== null) h['content-type'] = c.type;
  return h;
}

function expectContractError(res: { statusCode: number; json: () => unknown }, what: string): void {
  expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, what).toBeLessThan(500);
  const answer = res.json() as { error: unknown; message: unknown };
  expect(answer.error, what).toMatch(/^[a-z_]+$/);
  expect(typeof answer.message, what).toBe('string');
  expect((answer.message as string).length, what).toBeGreaterThan(0);
}

describe('bad input on every documented route', () => {
  it('[E10] the routes iterated are the document\'s, and the document names every shared route', () => {
    expect(routes.map((r) => r.path.replace(/\{(\w+)\}/g, ':$1')).sort()).toEqual(Object.values(API_ROUTES).sort());
  });

  it('[E10] [P11] generated bad parameters, queries, tokens and bodies on every route: a 4xx {error, message} or the route’s own success, nothing stored, the server up', async () => {
    const head = await s.store.headPosition();
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(request, async (c) => {
        const route = routes[c.route % routes.length] as Route;
        // The live stream with a good token is a stream, not an answer: only the refused ones here.
        if (route.path === API_ROUTES.stream && (c.auth === 'tablet' || c.auth === 'wall')) c.auth = 'junk';
        const url = urlOf(route, c.params, c.query);
        seen.add(`${route.method} ${route.path}`);
        const payload = route.method === 'POST' ? c.body : undefined;
        const res = await s.app.inject({ method: route.method, url, headers: headersOf(c), ...(payload !== undefined ? { payload } : {}) });
        const what = `${route.method} ${url}`;
        if (res.statusCode < 300) {
          // Successes a bad request can still reach: the open routes, a device's own view, a pull
          // of a real collection, a push whose every row was refused.
          expect(res.statusCode, what).toBeLessThan(300);
          if (route.path === API_ROUTES.push) expect(res.json<{ conflicts: unknown[] }>().conflicts, what).toEqual([]);
        } else {
          expectContractError(res, what);
        }
        expect(res.headers['x-server-time'], what).toBeDefined();
        expect(await s.store.headPosition()).toBe(head);
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect([...seen].sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    expect((await s.app.inject({ method: 'GET', url: API_ROUTES.health })).statusCode).toBe(200);
  });

  it('[E7] [E10] a body that is not UTF-8 is refused 400 invalid_body on every route that takes a body', async () => {
    const notUtf8 = Buffer.concat([Buffer.from('{"code":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const url = urlOf(route, ['kpi_readings', 'kpi_readings', 'kpi_readings'], []);
      const res = await s.app.inject({ method: 'POST', url, headers: { ...tablet.auth, 'content-type': 'application/json' }, payload: notUtf8 });
      expectContractError(res, url);
      expect(res.json(), url).toMatchObject({ error: 'invalid_body', message: expect.stringContaining('UTF-8') });
    }
  });

  it('[E10] a body over the limit is refused 413 on every route that takes a body', async () => {
    const huge = `{"x":"${'x'.repeat(BODY_LIMIT_BYTES)}"}`;
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const url = urlOf(route, ['kpi_readings', 'kpi_readings', 'kpi_readings'], []);
      const res = await s.app.inject({ method: 'POST', url, headers: { ...tablet.auth, 'content-type': 'application/json' }, payload: huge });
      expectContractError(res, url);
      expect(res.statusCode, url).toBe(413);
    }
  });

  it('[E3] [E10] a request sent too slowly is answered 408 request_timeout on every route, headers or body', async () => {
    const port = Number(new URL(await s.app.listen({ port: 0, host: '127.0.0.1' })).port);
    const answerTo = (start: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(start));
        let heard = '';
        socket.on('data', (d: Buffer) => (heard += d.toString('utf8')));
        socket.on('close', () => resolve(heard));
        socket.on('error', () => undefined);
      });
    for (const route of routes) {
      const url = urlOf(route, ['kpi_readings', tablet.deviceId, 'kpi_readings'], []);
      // Headers never finished; or, for a body, headers done and the body never finished.
      const starts = [`${route.method} ${url} HTTP/1.1\r\nHost: x\r\n`];
      if (route.method === 'POST') starts.push(`POST ${url} HTTP/1.1\r\nHost: x\r\nAuthorization: ${tablet.auth.authorization}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"rows":`);
      for (const start of starts) {
        const heard = await answerTo(start);
        expect(heard, url).toMatch(/^HTTP\/1\.1 408 /);
        expect(JSON.parse(heard.split('\r\n\r\n')[1] ?? '')).toMatchObject({ error: 'request_timeout' });
      }
    }
  });
});
