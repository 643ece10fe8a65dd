/** [P3] The wire text built from stored JSON text is the document toWire gives. */
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../store/store.ts';
import { toWire, wireText } from './wire.ts';

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
