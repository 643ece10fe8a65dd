/** Issue 12, item 4: progress of key results and objectives, with worked examples. */
import { describe, expect, it } from 'vitest';
import { clampedProgress, objectiveProgress, rawProgress, rolledUpValue, weightedMean } from './okr-progress.ts';

describe('key result progress: raw = (v − b) / (t − b)', () => {
  it('an increasing key result: OEE from 68 % to 76 % at 72 % is halfway', () => {
    expect(rawProgress({ from: 68, to: 76 }, 72)).toBeCloseTo(0.5, 12);
  });

  it('a decreasing key result: scrap from 8 % to 4 % at 6 % is halfway, at 7 % a quarter, the same formula', () => {
    expect(rawProgress({ from: 8, to: 4 }, 6)).toBeCloseTo(0.5, 12);
    expect(rawProgress({ from: 8, to: 4 }, 7)).toBeCloseTo(0.25, 12);
    // Worse than the baseline is negative progress.
    expect(rawProgress({ from: 8, to: 4 }, 9)).toBeCloseTo(-0.25, 12);
  });

  it('over-achievement stays visible raw and is clamped where it is rolled up', () => {
    expect(rawProgress({ from: 8, to: 4 }, 3)).toBeCloseTo(1.25, 12);
    expect(clampedProgress({ from: 8, to: 4 }, 3)).toBe(1);
    expect(clampedProgress({ from: 8, to: 4 }, 9)).toBe(0);
  });

  it('no value yet is no raw progress, and 0 when rolled up; target == baseline has none (refused as bad input)', () => {
    expect(rawProgress({ from: 0, to: 10 }, null)).toBeNull();
    expect(clampedProgress({ from: 0, to: 10 }, null)).toBe(0);
    expect(rawProgress({ from: 5, to: 5 }, 5)).toBeNull();
  });
});

describe('objective progress: weighted mean of clamped key results, plus contributing children where counted', () => {
  it('equal weights unless set', () => {
    expect(objectiveProgress({ keyResults: [{ progress: 0.5, weight: 1 }, { progress: 1, weight: 1 }], contributingChildren: [], countChildren: false })).toBeCloseTo(0.75, 12);
  });

  it('weights: a key result of weight 3 counts three times', () => {
    expect(objectiveProgress({ keyResults: [{ progress: 0.2, weight: 3 }, { progress: 0.6, weight: 1 }], contributingChildren: [], countChildren: false })).toBeCloseTo(0.3, 12);
  });

  it('an over-achieved key result (raw 1.25) cannot hide one that has not moved', () => {
    expect(weightedMean([{ progress: 1.25, weight: 1 }, { progress: 0, weight: 1 }])).toBeCloseTo(0.5, 12);
  });

  it('contributing children count only where the objective counts them', () => {
    const input = { keyResults: [{ progress: 0.4, weight: 1 }], contributingChildren: [{ progress: 1, weight: 1 }] };
    expect(objectiveProgress({ ...input, countChildren: false })).toBeCloseTo(0.4, 12);
    expect(objectiveProgress({ ...input, countChildren: true })).toBeCloseTo(0.7, 12);
  });

  it('nothing to measure is no progress, not zero', () => {
    expect(objectiveProgress({ keyResults: [], contributingChildren: [], countChildren: true })).toBeNull();
  });
});

describe('rolled-up key results', () => {
  it('sum of the children: near-miss reports of three lines', () => {
    expect(rolledUpValue('sum', [{ value: 4, weight: 1 }, { value: 6, weight: 1 }, { value: null, weight: 1 }])).toBe(10);
  });

  it('weighted mean of the children that have a value', () => {
    expect(rolledUpValue('weighted_mean', [{ value: 90, weight: 3 }, { value: 70, weight: 1 }, { value: null, weight: 5 }])).toBeCloseTo(85, 12);
    expect(rolledUpValue('weighted_mean', [{ value: null, weight: 1 }])).toBeNull();
  });
});
