import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkValue, unitCanBeNegative, type PlausibilityDef } from './plausibility.ts';

const pct: PlausibilityDef = { decimals: 1, plausibleMin: 50, plausibleMax: 100, unit: '%' };
const temp: PlausibilityDef = { decimals: 1, plausibleMin: 15, plausibleMax: 35, unit: '°C' };
const delta: PlausibilityDef = { decimals: 0, plausibleMin: -50, plausibleMax: 50, unit: 'pcs' };
const count: PlausibilityDef = { decimals: 0, plausibleMin: 0, plausibleMax: 2000, unit: 'pcs' };

describe('checkValue', () => {
  it.each([
    [pct, '96.5', { ok: true, value: 96.5 }],
    [pct, '96.50', { ok: true, value: 96.5 }],
    [pct, '96,5', { ok: true, value: 96.5 }],
    [pct, '96.', { ok: true, value: 96 }],
    [pct, ' 100 ', { ok: true, value: 100 }],
    [pct, '96.55', { ok: false, kind: 'impossible', code: 'too_many_decimals' }],
    [count, '12.5', { ok: false, kind: 'impossible', code: 'too_many_decimals' }],
    [pct, '', { ok: false, kind: 'impossible', code: 'not_a_number' }],
    [pct, '-', { ok: false, kind: 'impossible', code: 'not_a_number' }],
    [pct, '1.2.3', { ok: false, kind: 'impossible', code: 'not_a_number' }],
    [pct, '1e3', { ok: false, kind: 'impossible', code: 'not_a_number' }],
    [pct, '-5', { ok: false, kind: 'impossible', code: 'negative' }],
    [count, '\u22123', { ok: false, kind: 'impossible', code: 'negative' }],
    [temp, '-4', { ok: false, kind: 'implausible', code: 'below_range', value: -4 }],
    [delta, '-12', { ok: true, value: -12 }],
    [pct, '42', { ok: false, kind: 'implausible', code: 'below_range', value: 42 }],
    [pct, '100.1', { ok: false, kind: 'implausible', code: 'above_range', value: 100.1 }],
    [count, '-0', { ok: true, value: 0 }],
    [pct, 0.1 + 0.2 + 70, { ok: true, value: 0.1 + 0.2 + 70 }],
    [count, Number.NaN, { ok: false, kind: 'impossible', code: 'not_a_number' }],
    [count, 3.25, { ok: false, kind: 'impossible', code: 'too_many_decimals' }],
  ] as const)('%o %s', (def, raw, expected) => {
    expect(checkValue(def, raw)).toMatchObject(expected);
  });

  it('explains itself in plain words', () => {
    const r = checkValue(pct, '42');
    expect(r.ok ? '' : r.message).toBe('42 % is below the usual 50 to 100 %. Is it right?');
    const d = checkValue(count, '1.5');
    expect(d.ok ? '' : d.message).toBe('This KPI is recorded in whole numbers.');
  });

  it('knows which units are never negative', () => {
    expect([unitCanBeNegative('%'), unitCanBeNegative(' PCS '), unitCanBeNegative('°C'), unitCanBeNegative('EUR')]).toEqual([false, false, true, true]);
  });

  it('property: any value in range with the allowed decimals is accepted, typed or passed as a number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 1000 }), (tenths) => {
        const text = (tenths / 10).toFixed(1);
        expect(checkValue(pct, text)).toEqual({ ok: true, value: Number(text) });
        expect(checkValue(pct, tenths / 10)).toEqual({ ok: true, value: tenths / 10 });
      }),
    );
  });

  it('property: never throws, and ok values are always finite numbers', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const r = checkValue(temp, raw);
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
        else expect(r.message.length).toBeGreaterThan(0);
      }),
    );
  });
});
