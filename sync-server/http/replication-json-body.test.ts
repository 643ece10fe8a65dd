/**
 * The replication routes parse JSON with their own parser
 * (replication-json-body.ts): plain JSON.parse, the [P5] string walk only for
 * bodies with `\u` escapes. What it must keep from Fastify's default parser:
 * the same 400 for malformed JSON, the same 413 past the limit ([P11]), and no
 * way for a `__proto__` key to slip past the schema. The other routes keep the
 * default parser.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/domain/wire/limits.ts';
import { enroll, reading, row, sqliteEngine, startTestServer, type Enrolled, type TestServer } from './testing/test-support.ts';

interface PushReply {
  conflicts: Record<string, unknown>[];
  rejected: { id: string; error: string; message: string }[];
}

let s: TestServer;
let tablet: Enrolled;

beforeAll(async () => {
  s = await startTestServer(sqliteEngine);
  tablet = await enroll(s, 'tablet');
});
afterAll(async () => {
  await s.close();
});

function pushText(payload: string | Buffer | Readable) {
  return s.app.inject({ method: 'POST', url: '/api/replication/kpi_readings/push', headers: { ...tablet.auth, 'content-type': 'application/json' }, payload });
}

/** A push body's text with `field` (raw JSON text, e.g. `"__proto__":{"x":1}`) put first into the document of the row at `at`. */
function withRawField(docs: object[], at: number, field: string): string {
  const rows = docs.map((d, i) => (i === at ? `{"newDocumentState":{${field},${JSON.stringify(row(d).newDocumentState).slice(1)},"assumedMasterState":null}` : JSON.stringify(row(d))));
  return `{"rows":[${rows.join(',')}]}`;
}

describe('the replication routes JSON parser', () => {
  it('[P11] malformed or empty JSON on a push gets the very 400 invalid_body the default parser gives on /api/enroll', async () => {
    for (const text of ['{"rows": [', 'null null', '{"rows": []}}', '\u0000', '']) {
      const pushed = await pushText(text);
      const enrolled = await s.app.inject({ method: 'POST', url: '/api/enroll', headers: { 'content-type': 'application/json' }, payload: text });
      expect(pushed.statusCode, JSON.stringify(text)).toBe(400);
      expect(pushed.json(), JSON.stringify(text)).toEqual(enrolled.json());
      expect(pushed.json<{ error: string }>().error).toBe('invalid_body');
    }
    expect((await pushText('{"rows": [')).json()).toEqual({
      error: 'invalid_body',
      message: "The request body is not valid JSON: Body is not valid JSON but content-type is set to 'application/json'",
    });
  });

  it('[P11] a push body past 4 MB is 413 batch_too_large, with or without a Content-Length header', async () => {
    const huge = JSON.stringify({ rows: [row({ ...reading(), note: 'x'.repeat(BODY_LIMIT_BYTES) })] });
    for (const payload of [huge, Readable.from([Buffer.from(huge)])]) {
      const res = await pushText(payload);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: 'batch_too_large' });
    }
  });

  it('[P11] a body starting with a byte order mark is taken, as the default parser takes it', async () => {
    const r = reading();
    const res = await pushText(`\ufeff${JSON.stringify({ rows: [row(r)] })}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<PushReply>().rejected).toEqual([]);
  });

  it('[P5] a __proto__ field in a pushed document, written plainly or escaped, is refused invalid_record naming it; the other rows are stored and nothing is polluted', async () => {
    for (const field of ['"__proto__":{"polluted":true,"plantId":"plant-peoria"}', '"\\u005f_proto__":{"polluted":true}', '"__proto__":"x"']) {
      const docs = [reading(), reading(), reading()];
      const res = await pushText(withRawField(docs, 1, field));
      expect(res.statusCode, field).toBe(200);
      expect(res.json<PushReply>().rejected, field).toEqual([
        { id: docs[1]?.id, error: 'invalid_record', message: 'The record must NOT have additional properties (__proto__).' },
      ]);
      const stored = await s.store.getByIds('kpi_readings', docs.map((d) => d.id));
      expect(stored.map((r) => r.id)).toEqual([docs[0]?.id, docs[2]?.id]);
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('[P5] [E7] bytes that are not UTF-8 (an encoded lone surrogate) are refused whole, so a broken surrogate pair can only come escaped', async () => {
    const r = reading({ note: 'scan MARK' });
    const [head, tail] = JSON.stringify({ rows: [row(r)] }).split('MARK') as [string, string];
    const res = await pushText(Buffer.concat([Buffer.from(head), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(tail)]));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_body', message: expect.stringContaining('not valid UTF-8') });
    expect(await s.store.getByIds('kpi_readings', [r.id])).toEqual([]);
  });

  it('[P11] the other routes keep the default parsing: a __proto__ key in an enrollment is refused as malformed JSON', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/enroll', headers: { 'content-type': 'application/json' }, payload: '{"code":"K7QX-M4PF","__proto__":{"x":1}}' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_body' });
  });
});
