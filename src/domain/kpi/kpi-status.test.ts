import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kpiStatus, statusIcon, statusLabel, validateThresholds, type KpiStatus, type ThresholdDef } from './kpi-status.ts';

const oee: ThresholdDef = { direction: 'higher_is_better', target: 85, amberThreshold: 80, redThreshold: 70 };
const scrap: ThresholdDef = { direction: 'lower_is_better', target: 2, amberThreshold: 3, redThreshold: 5 };
const sameLine: ThresholdDef = { direction: 'higher_is_better', target: 85, amberThreshold: 80, redThreshold: 80 };
const noAmber: ThresholdDef = { direction: 'lower_is_better', target: 0, amberThreshold: 0, redThreshold: 1 };

describe('kpiStatus', () => {
  const cases: [string, ThresholdDef, number | null, KpiStatus][] = [
    ['OEE above target', oee, 91.2, 'green'],
    ['OEE exactly on target', oee, 85, 'green'],
    ['OEE just below target', oee, 84.99, 'amber'],
    ['OEE exactly on amber threshold', oee, 80, 'amber'],
    ['OEE just beyond amber', oee, 79.99, 'red'],
    ['OEE between amber and red lines', oee, 75, 'red'],
    ['OEE at red line', oee, 70, 'red'],
    ['OEE far beyond red', oee, 12, 'red'],
    ['scrap below target', scrap, 1.2, 'green'],
    ['scrap on target', scrap, 2, 'green'],
    ['scrap just over target', scrap, 2.01, 'amber'],
    ['scrap on amber threshold', scrap, 3, 'amber'],
    ['scrap just beyond amber', scrap, 3.01, 'red'],
    ['scrap at red line', scrap, 5, 'red'],
    ['amber = red: the shared line is red', sameLine, 80, 'red'],
    ['amber = red: just above it is amber', sameLine, 80.01, 'amber'],
    ['no amber band: zero incidents green', noAmber, 0, 'green'],
    ['no amber band: one incident red', noAmber, 1, 'red'],
    ['no amber band: half over target red', noAmber, 0.5, 'red'],
    ['no reading', oee, null, 'none'],
    ['NaN is no reading', oee, Number.NaN, 'none'],
    ['Infinity is no reading', scrap, Number.POSITIVE_INFINITY, 'none'],
  ];
  it.each(cases)('%s', (_name, def, value, expected) => {
    expect(kpiStatus(def, value)).toBe(expected);
  });

  it('never gets better as the value gets worse (monotonic), for any valid definition', () => {
    const rank: Record<KpiStatus, number> = { green: 0, amber: 1, red: 2, none: -1 };
    const n = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(fc.boolean(), n, n, n, n, n, (higher, a, b, c, v1, v2) => {
        const [lo, mid, hi] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
        const def: ThresholdDef = higher
          ? { direction: 'higher_is_better', target: hi, amberThreshold: mid, redThreshold: lo }
          : { direction: 'lower_is_better', target: lo, amberThreshold: mid, redThreshold: hi };
        fc.pre(validateThresholds(def) === null);
        const [better, worse] = (higher ? v1 >= v2 : v1 <= v2) ? [v1, v2] : [v2, v1];
        expect(rank[kpiStatus(def, better)]).toBeLessThanOrEqual(rank[kpiStatus(def, worse)]);
        expect(kpiStatus(def, def.target)).toBe('green');
      }),
    );
  });
});

describe('validateThresholds', () => {
  it('accepts consistent definitions', () => {
    for (const def of [oee, scrap, sameLine, noAmber]) expect(validateThresholds(def)).toBeNull();
  });

  const bad: [string, ThresholdDef, RegExp][] = [
    ['amber above target (higher better)', { ...oee, amberThreshold: 90 }, /amber threshold \(90\) must not be above the target/],
    ['red above amber (higher better)', { ...oee, redThreshold: 82 }, /red threshold \(82\) must not be above the amber/],
    ['red on target (higher better)', { direction: 'higher_is_better', target: 5, amberThreshold: 5, redThreshold: 5 }, /target itself would be red/],
    ['amber below target (lower better)', { ...scrap, amberThreshold: 1 }, /must not be below the target/],
    ['red below amber (lower better)', { ...scrap, redThreshold: 2.5 }, /red threshold \(2.5\) must not be below/],
    ['red on target (lower better)', { direction: 'lower_is_better', target: 0, amberThreshold: 0, redThreshold: 0 }, /target itself would be red/],
    ['not a number', { ...oee, target: Number.NaN }, /Target must be a number/],
    ['unknown direction', { ...oee, direction: 'sideways' as never }, /Unknown direction/],
  ];
  it.each(bad)('explains %s', (_name, def, message) => {
    expect(validateThresholds(def)).toMatch(message);
  });
});

describe('statusIcon / statusLabel', () => {
  it('gives every status its own shape and words', () => {
    const all: KpiStatus[] = ['green', 'amber', 'red', 'none'];
    expect(all.map(statusIcon)).toEqual(['check', 'triangle', 'octagon', 'dash']);
    expect(new Set(all.map(statusLabel)).size).toBe(4);
  });
});
