/**
 * Computed KPIs on the board come from their inputs' readings, the way the tablet computes them:
 * per shift, and over a day as the ratio of sums; implausible values have no status.
 */
import { describe, expect, it } from 'vitest';
import { buildBoardIndex, categoryCounts, indexReading, winnersOn } from './reading-index.ts';
import { tileFromIndex } from './kpi-tile.ts';
import { trendFromIndex } from './kpi-trend.ts';
import { valueOver } from './formula-slots.ts';
import { testDef, testReading } from './testing/board-test-fixtures.ts';
import { firstPassYield } from '../kpi/kpi-formulas.ts';

const DAY = '2026-03-02';
const made = testDef({ id: 'made', code: 'MADE', unit: 'units', category: 'delivery', target: 100, amberThreshold: 90, redThreshold: 80, decimals: 0, plausibleMax: 10_000, aggregation: 'sum' });
const good = testDef({ id: 'good', code: 'GOOD', unit: 'units', category: 'delivery', target: 100, amberThreshold: 90, redThreshold: 80, decimals: 0, plausibleMax: 10_000, aggregation: 'sum' });
const fpy = testDef({ id: 'fpy', code: 'FPY', formula: 'first_pass_yield', formulaInputs: { goodFirstTime: 'GOOD', unitsEntering: 'MADE' }, target: 95, amberThreshold: 90, redThreshold: 85 });
const defs = new Map([made, good, fpy].map((d) => [d.id, d]));
const r = (id: string, kpiId: string, shiftCode: string, value: number, at = '12:00') =>
  testReading({ id, kpiId, shiftCode, value, productionDate: DAY, recordedAt: `${DAY}T${at}:00.000Z` });

describe('computed KPIs on the board', () => {
  it('a shift slot of first pass yield is the formula over that shift\'s inputs, as on the tablet', () => {
    const index = buildBoardIndex([r('1', 'made', 'E', 100), r('2', 'good', 'E', 98), r('3', 'made', 'L', 2), r('4', 'good', 'L', 1)], defs, 'plant-1');
    const slots = winnersOn(index, 'fpy', DAY).map((w) => [w.shiftCode, w.value]);
    expect(slots).toEqual([['E', (firstPassYield(98, 100) as number) * 100], ['L', 50]]);
  });

  it('the day is the ratio of sums (99/102 = 97.1 %), never the mean of shift ratios (74 %)', () => {
    const index = buildBoardIndex([r('1', 'made', 'E', 100), r('2', 'good', 'E', 98), r('3', 'made', 'L', 2), r('4', 'good', 'L', 1)], defs, 'plant-1');
    const day = valueOver(fpy, [DAY], index.formulas, (id, d) => winnersOn(index, id, d));
    expect(day).toEqual({ kind: 'value', value: (99 / 102) * 100 });
    const trend = trendFromIndex(index, fpy, DAY, 1);
    expect(trend.points[0]?.value).toBeCloseTo(97.06, 2);
    // Units produced over the day are their sum.
    expect(trendFromIndex(index, made, DAY, 1).points[0]?.value).toBe(102);
  });

  it('readings typed for a computed KPI (old seeded history) are left out: its inputs decide', () => {
    const index = buildBoardIndex([r('1', 'made', 'E', 100), r('2', 'good', 'E', 98), r('x', 'fpy', 'E', 12)], defs, 'plant-1');
    expect(winnersOn(index, 'fpy', DAY).map((w) => w.value)).toEqual([98]);
  });

  it('a live input reading or correction moves the computed slot, its tile and the calendar counts', () => {
    const index = buildBoardIndex([r('1', 'made', 'E', 100)], defs, 'plant-1');
    expect(winnersOn(index, 'fpy', DAY)).toEqual([]);
    const changes = indexReading(index, r('2', 'good', 'E', 98), defs);
    expect(changes).toEqual([{ kpiId: 'good', date: DAY }, { kpiId: 'fpy', date: DAY }]);
    expect(tileFromIndex(index, fpy, DAY).value).toBe(98);
    expect(tileFromIndex(index, fpy, DAY).status).toBe('green');
    // A correction of the good count to 80: first pass yield 80 %, red.
    indexReading(index, { ...r('3', 'good', 'E', 80, '13:00'), supersedes: '2' }, defs);
    expect(tileFromIndex(index, fpy, DAY)).toMatchObject({ value: 80, status: 'red' });
    expect(categoryCounts(index, 'quality', DAY)).toEqual({ green: 0, amber: 0, red: 1 });
  });

  it('an implausible computed value shows as implausible with no status and is not counted', () => {
    const oee = testDef({
      id: 'oee', code: 'OEE', formula: 'oee', category: 'delivery', target: 85, amberThreshold: 80, redThreshold: 70,
      formulaInputs: { plannedOperationTime: 'POT', plannedDowntime: 'PDT', unplannedDowntime: 'UDT', idealCycleTime: 'CYCLE', producedQuantity: 'MADE', goodQuantity: 'GOOD' },
    });
    const minutes = { unit: 'min', decimals: 0, plausibleMax: 1000, category: 'people' as const };
    const more = [
      testDef({ id: 'pot', code: 'POT', ...minutes }), testDef({ id: 'pdt', code: 'PDT', ...minutes }), testDef({ id: 'udt', code: 'UDT', ...minutes }),
      testDef({ id: 'cycle', code: 'CYCLE', unit: 'min', decimals: 4, frequency: 'daily', category: 'people' }),
    ];
    const all = new Map([...defs.values(), oee, ...more].map((d) => [d.id, d]));
    const readings = [
      r('a', 'pot', 'E', 480), r('b', 'pdt', 'E', 30), r('c', 'udt', 'E', 30), r('d', 'cycle', 'N', 0.1),
      r('e', 'made', 'E', 5500), r('f', 'good', 'E', 5343.75),
    ];
    const index = buildBoardIndex(readings, all, 'plant-1');
    const tile = tileFromIndex(index, oee, DAY);
    expect(tile.value).toBeCloseTo(118.75, 6);
    expect(tile.status).toBe('none');
    expect(tile.implausible).toEqual({ code: 'ideal_cycle_too_slow', input: 'CYCLE', min: 0, max: 100 });
    // Units produced and good units are green; OEE, which would be green at 118.75 against 85, is not counted.
    expect(categoryCounts(index, 'delivery', DAY)).toEqual({ green: 2, amber: 0, red: 0 });
    expect(trendFromIndex(index, oee, DAY, 1).points[0]?.value).toBeNull();
  });
});
