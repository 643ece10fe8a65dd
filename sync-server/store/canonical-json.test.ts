/** [S4] Same content, whatever the key order: the canonical text the store compares records by. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './write-decisions.ts';

/** The obvious recursive form, as a reference (fine for the shallow values fast-check makes). */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('[S4] sorts keys, drops undefined fields, and writes JSON the parser reads back', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: undefined }] })).toBe('{"a":[true,null,{"d":"x"}],"b":1}');
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('[S4] agrees with the recursive reference on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => canonicalJson(v) === reference(v)), { seed: 11, numRuns: 500 });
  });

  it('[S4] writes a value nested 100,000 deep without running out of stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { k: deep };
    const text = canonicalJson(deep);
    expect(text.length).toBeGreaterThan(400_000);
    expect(text.startsWith('[{"k":[{"k":')).toBe(true);
  });
});
