/**
 * One number everywhere (issue: numbers people can trust): how a KPI adds up over a day, the
 * figure and its status, and a computed KPI's value with its plausibility.
 */
import { describe, expect, it } from 'vitest';
import { aggregateValues, aggregationOf } from './kpi-aggregation.ts';
import { figureStatus, figureValue, roundTo } from './kpi-figure.ts';
import { formulaResult, implausibleText, settleFormulaResults } from './formula-results.ts';
import { testDef } from '../board/testing/board-test-fixtures.ts';

describe('aggregationOf: each definition says how it adds up', () => {
  it('a computed KPI is always a ratio of its inputs; an explicit rule wins; older definitions keep what they were shown with', () => {
    expect(aggregationOf({ formula: 'oee', frequency: 'per_shift', aggregation: 'sum' })).toBe('ratio');
    expect(aggregationOf({ formula: null, frequency: 'per_shift', aggregation: 'sum' })).toBe('sum');
    expect(aggregationOf({ formula: null, frequency: 'per_shift' })).toBe('mean');
    expect(aggregationOf({ formula: null, frequency: 'daily' })).toBe('latest');
  });

  it('units produced over a day are the sum of the shifts, a level their mean, a parameter the latest', () => {
    expect(aggregateValues('sum', [5400, 5300, 5400])).toBe(16100);
    expect(aggregateValues('mean', [5400, 5300, 5400])).toBeCloseTo(5366.67, 2);
    expect(aggregateValues('latest', [0.0667, 0.07])).toBe(0.07);
    expect(aggregateValues('sum', [])).toBeNull();
  });
});

describe('the figure people see, and its status', () => {
  const quality = testDef({ id: 'q', target: 85, amberThreshold: 80, redThreshold: 75, decimals: 1 });

  it('rounds once by the declared precision and judges the rounded value: 84.96 reads 85.0 and is on target', () => {
    expect(figureValue(quality, 84.96)).toBe(85);
    expect(figureStatus(quality, 84.96)).toBe('green');
    expect(figureStatus(quality, 84.94)).toBe('amber');
  });

  it('rounds half away from zero, also where binary fractions fall short (1.005 -> 1.01)', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-84.95, 1)).toBe(-85);
    expect(roundTo(0.0667, 4)).toBe(0.0667);
    expect(roundTo(0.0667, 2)).toBe(0.07);
  });

  it('a lower-is-better KPI is judged on its rounded figure too', () => {
    const scrap = testDef({ id: 's', direction: 'lower_is_better', target: 2, amberThreshold: 3, redThreshold: 4, decimals: 1 });
    expect(figureStatus(scrap, 2.04)).toBe('green');
    expect(figureStatus(scrap, 2.06)).toBe('amber');
    expect(figureStatus(scrap, null)).toBe('none');
  });
});

describe('a computed KPI and its plausibility', () => {
  const oee = testDef({
    id: 'oee', code: 'OEE', formula: 'oee', decimals: 1,
    formulaInputs: { plannedOperationTime: 'POT', plannedDowntime: 'PDT', unplannedDowntime: 'UDT', idealCycleTime: 'CYCLE', producedQuantity: 'MADE', goodQuantity: 'GOOD' },
  });
  const inputs = (over: Record<string, number> = {}) => new Map(Object.entries({ POT: 480, PDT: 30, UDT: 30, CYCLE: 0.08, MADE: 4000, GOOD: 3900, ...over }));

  it('is the formula over the inputs: OEE = ideal cycle time x good / planned busy time', () => {
    const r = formulaResult(oee, inputs());
    expect(r.kind).toBe('value');
    expect(r.kind === 'value' && r.value).toBeCloseTo((0.08 * 3900) / 450 * 100, 10);
  });

  it('an OEE of 118.75 % is implausible, naming the ideal cycle time, never a value', () => {
    // Ideal cycle time 0.1 min is slower than the line ran: 4,500 parts in 420 min is 0.093 min each.
    const r = formulaResult(oee, inputs({ CYCLE: 0.1, MADE: 5500, GOOD: 5343.75 }));
    expect(r).toEqual({ kind: 'implausible', value: expect.closeTo(118.75, 6), problem: { code: 'ideal_cycle_too_slow', input: 'CYCLE', min: 0, max: 100 } });
    expect(implausibleText((r as { problem: Parameters<typeof implausibleText>[0] }).problem)).toBe(
      'Implausible: performance above 100 %. Check the ideal cycle time (CYCLE): it is set slower than the line runs.',
    );
  });

  it('a missing input leaves no value; an implausible result does not feed a formula that reads it', () => {
    expect(formulaResult(oee, new Map([['POT', 480]]))).toEqual({ kind: 'none' });
    const scaled = testDef({ id: 'idx', code: 'IDX', formula: 'quality_rate', formulaInputs: { goodQuantity: 'OEE', producedQuantity: 'HUNDRED' }, plausibleMax: 100 });
    const byCode = inputs({ CYCLE: 0.1, MADE: 5500, GOOD: 5343.75, HUNDRED: 200 });
    const results = settleFormulaResults([oee, scaled], byCode);
    expect(results.get('oee')?.kind).toBe('implausible');
    expect(results.get('idx')).toEqual({ kind: 'none' });
    expect(byCode.has('OEE')).toBe(false);
  });

  it('settles a formula that reads another formula whatever order the definitions come in; a cycle settles to none', () => {
    const good = testDef({ id: 'good', code: 'GOOD' });
    const madeDef = testDef({ id: 'made', code: 'MADE' });
    const fpy = testDef({ id: 'fpy', code: 'FPY', formula: 'first_pass_yield', formulaInputs: { goodFirstTime: 'GOOD', unitsEntering: 'MADE' } });
    const chained = testDef({ id: 'chained', code: 'CHAINED', formula: 'quality_rate', formulaInputs: { goodQuantity: 'FPY', producedQuantity: 'HUNDRED' } });
    const byCode = new Map([['GOOD', 90], ['MADE', 100], ['HUNDRED', 100]]);
    const results = settleFormulaResults([chained, fpy, good, madeDef], byCode);
    expect(results.get('fpy')).toEqual({ kind: 'value', value: 90 });
    expect(results.get('chained')).toEqual({ kind: 'value', value: 90 });
    expect(byCode.get('FPY')).toBe(90);
    const a = testDef({ id: 'a', code: 'A', formula: 'scrap_rate', formulaInputs: { scrapQuantity: 'B', producedQuantity: 'MADE' } });
    const b = testDef({ id: 'b', code: 'B', formula: 'scrap_rate', formulaInputs: { scrapQuantity: 'A', producedQuantity: 'MADE' } });
    const cyclic = settleFormulaResults([a, b], new Map([['MADE', 100]]));
    expect([cyclic.get('a'), cyclic.get('b')]).toEqual([{ kind: 'none' }, { kind: 'none' }]);
  });
});
