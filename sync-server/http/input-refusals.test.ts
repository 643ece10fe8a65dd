/**
 * [P11] Input that fails a route's schema (src/domain/wire/protocol-schemas.ts) is refused in
 * the contract's words: each plain sentence pinned here, its code and status, and the order of
 * checks (token, collection, then query and body; the first faulty field in the request's order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOCHUM, enroll, PEOPLE, reading, row, signInOnServer, sqliteEngine, startTestServer, type Enrolled, type TestServer } from './testing/test-support.ts';

let s: TestServer;
let tablet: Enrolled;

beforeAll(async () => {
  s = await startTestServer(sqliteEngine);
  tablet = await enroll(s, 'tablet');
});
afterAll(async () => {
  await s.close();
});

const push = (payload: unknown, collection = 'kpi_readings', headers: Record<string, string> = tablet.auth) =>
  s.app.inject({ method: 'POST', url: `/api/replication/${collection}/push`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

function refused(res: { statusCode: number; json: () => unknown }, status: number, error: string, message: string): void {
  expect({ status: res.statusCode, body: res.json() }).toEqual({ status, body: { error, message } });
}

describe('input refusals', () => {
  it('[P11] a push envelope that is not {rows: [...]} of rows with a record and an id is refused whole, in plain words', async () => {
    const shape = 'The push must be a JSON object {"rows": [...]}.';
    refused(await push([]), 400, 'invalid_body', shape);
    refused(await push({ rows: {} }), 400, 'invalid_body', shape);
    refused(await push({ rows: [row(reading()), 7] }), 400, 'invalid_body', 'Row 1 of the push has no newDocumentState object.');
    refused(await push({ rows: [{ newDocumentState: [] }] }), 400, 'invalid_body', 'Row 0 of the push has no newDocumentState object.');
    refused(await push({ rows: [row(reading()), { newDocumentState: { value: 1 } }] }), 400, 'invalid_body', 'Row 1 of the push has a record without an id.');
    refused(await push({ rows: [{ newDocumentState: { id: '' } }] }), 400, 'invalid_body', 'Row 0 of the push has a record without an id.');
    refused(await push({ rows: [{ newDocumentState: { id: 'r1' }, assumedMasterState: 'r0' }] }), 400, 'invalid_body', 'Row 0 of the push has an assumedMasterState that is neither a record nor null.');
    // The first faulty row is named, and within a row its record before its assumed master.
    refused(await push({ rows: [{ newDocumentState: { id: 'r1' }, assumedMasterState: [] }, 5] }), 400, 'invalid_body', 'Row 0 of the push has an assumedMasterState that is neither a record nor null.');
    refused(await push({ rows: [{ assumedMasterState: 3 }] }), 400, 'invalid_body', 'Row 0 of the push has no newDocumentState object.');
  });

  it('[P11] a push of more than 500 rows is 413 batch_too_large with its count, before any row is looked at', async () => {
    refused(await push({ rows: Array.from({ length: 501 }, () => 'not a row') }), 413, 'batch_too_large', 'A push may carry at most 500 records; this one has 501. Send them in smaller batches.');
  });

  it('[P11] the token is checked before the collection, the collection before the body', async () => {
    const noToken = await push({ rows: 'x' }, 'nope', {});
    expect(noToken.statusCode).toBe(401);
    expect(noToken.json()).toMatchObject({ error: 'missing_token' });
    refused(await push({ rows: 'x' }, 'nope'), 404, 'unknown_collection', 'There is no collection called "nope" on this server. The app may be newer than the server.');
  });

  it('[P11] a pull with a malformed checkpoint or limit is 400 invalid_query, in plain words', async () => {
    const pull = (query: string) => s.app.inject({ method: 'GET', url: `/api/replication/kpi_readings/pull?${query}`, headers: tablet.auth });
    const checkpoint = 'checkpoint must be a whole number (a position from an earlier pull) or empty.';
    const limit = 'limit must be a whole number from 1 to 1000.';
    for (const q of ['checkpoint=-1', 'checkpoint=01', 'checkpoint=1.5', 'checkpoint=1&checkpoint=2']) refused(await pull(q), 400, 'invalid_query', checkpoint);
    for (const q of ['limit=0', 'limit=1001', 'limit=ten', 'limit=1e3']) refused(await pull(q), 400, 'invalid_query', limit);
    refused(await pull('checkpoint=x&limit=0'), 400, 'invalid_query', checkpoint);
    for (const q of ['', 'checkpoint=&limit=', 'checkpoint=0&limit=1000']) expect((await pull(q)).statusCode).toBe(200);
  });

  it('[P11] [A2] an enrollment without a code string, or with a name that is not text, is 400 invalid_body', async () => {
    const enrollWith = (payload: unknown) => s.app.inject({ method: 'POST', url: '/api/enroll', payload: payload as object });
    const shape = 'Send {"code": "..."} with the enrollment code.';
    refused(await enrollWith({ code: 123 }), 400, 'invalid_body', shape);
    refused(await enrollWith({ name: 5 }), 400, 'invalid_body', shape);
    refused(await enrollWith({ code: 'K7QX-M4PF', name: 5 }), 400, 'invalid_body', 'The device name must be text.');
  });

  it('[P11] [A1] a code request is checked field by field in the order the contract lists them', async () => {
    const session = await signInOnServer(s, tablet, PEOPLE.admin);
    const ask = (payload: unknown) => s.app.inject({ method: 'POST', url: '/api/enrollment-codes', headers: { ...tablet.auth, ...session }, payload: payload as object });
    const shape = 'Send {"plantId": "...", "kind": "tablet" | "wall_screen", "lineId"?: "..."}.';
    const kind = 'kind must be "tablet" or "wall_screen".';
    refused(await ask({ plantId: '', kind: 'tablet' }), 400, 'invalid_body', shape);
    // A bad plantId is named before a missing kind, though both are wrong.
    refused(await ask({ plantId: 5 }), 400, 'invalid_body', shape);
    refused(await ask({ plantId: BOCHUM }), 400, 'invalid_body', kind);
    refused(await ask({ plantId: BOCHUM, kind: 'phone' }), 400, 'invalid_body', kind);
    refused(await ask({ plantId: BOCHUM, kind: 'tablet', lineId: 3 }), 400, 'invalid_body', 'lineId must be text.');
    expect((await ask({ plantId: BOCHUM, kind: 'wall_screen' })).statusCode).toBe(201);
  });
});
