/** [P3] The wire text built from stored JSON text is the document toWire gives. */
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../store/store.ts';
import { fromWire, toWire, wireText } from './wire.ts';

const record = (data: StoredRecord['data'], deleted: boolean): StoredRecord => ({
  collection: 'objectives',
  id: data.id,
  plantId: 'p1',
  data,
  rev: 1,
  position: 1,
  deleted,
  receivedAt: '2026-03-02T06:00:00.000Z',
});

describe('wireText', () => {
  it('[P3] gives the text JSON.stringify(toWire(record)) gives, deleted or not', () => {
    const data = { id: 'o1', title: 'Cut "scrap" \u00e9\n', nested: { a: [1, null, { b: '}' }] }, n: -0.5 };
    for (const deleted of [false, true]) {
      expect(wireText(JSON.stringify(data), deleted)).toBe(JSON.stringify(toWire(record(data, deleted))));
    }
  });

  it("[P3] takes PostgreSQL's jsonb text (spaces, trailing blank) and an empty object", () => {
    expect(JSON.parse(wireText('{"id": "o1", "a": {"b": 1}} ', true))).toEqual({ id: 'o1', a: { b: 1 }, _deleted: true });
    expect(JSON.parse(wireText('{}', false))).toEqual({ _deleted: false });
    expect(JSON.parse(wireText('{ }', true))).toEqual({ _deleted: true });
  });

  it('[P3] refuses text that is not a JSON object rather than send broken JSON', () => {
    expect(() => wireText('[1]', false)).toThrow(/not a JSON object/);
  });
});

describe('fromWire', () => {
  it('[P5] keeps a parsed __proto__ key as a field of the copy, for the schema to refuse, instead of setting its prototype', () => {
    const doc = JSON.parse('{"id":"r1","__proto__":{"polluted":true},"_deleted":true}') as Record<string, unknown>;
    const { data, deleted } = fromWire(doc);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['id', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toEqual({ polluted: true });
    expect((data as Record<string, unknown>).polluted).toBeUndefined();
    expect(deleted).toBe(true);
  });
});
