/**
 * Issue 12, item 3: a KPI-fed key result's value from the readings, by the shared domain code:
 * aggregations, the ratio of sums for ratio KPIs (never the mean of ratios), windows in the plant's
 * shift calendar across a DST change, corrections, provenance; and the property that the value
 * kept up to date reading by reading, in any order, equals the value computed from scratch.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testDef, testReading } from '../board/testing/board-test-fixtures.ts';
import { buildBoardIndex, indexReading, type DefinitionsById } from '../board/reading-index.ts';
import { formulaPlan } from '../board/formula-slots.ts';
import { threeByEight } from '../shift/shift-calendar.ts';
import type { KpiReading } from '../kpi/kpi-types.ts';
import { KrSummaries } from './kr-summary.ts';
import { kpiFedValue, krSpan, type KrClock, type KrSpan } from './kr-value.ts';
import { rawProgress } from './okr-progress.ts';
import type { KeyResult } from './okr-types.ts';

const SCRAP = testDef({ id: 'kpi-scrap', code: 'SCRAP', unit: 'pcs', aggregation: 'sum', plausibleMax: 1e6, decimals: 0 });
const MADE = testDef({ id: 'kpi-made', code: 'MADE', unit: 'pcs', aggregation: 'sum', plausibleMax: 1e6, decimals: 0 });
const RATE = testDef({ id: 'kpi-scrap-rate', code: 'SCRAP-RATE', formula: 'scrap_rate', formulaInputs: { scrapQuantity: 'SCRAP', producedQuantity: 'MADE' }, direction: 'lower_is_better', target: 4, amberThreshold: 6, redThreshold: 8 });
const TEMP = testDef({ id: 'kpi-temp', code: 'TEMP', unit: '°C', aggregation: 'mean', plausibleMax: 500 });
const DEFS: DefinitionsById = new Map([SCRAP, MADE, RATE, TEMP].map((d) => [d.id, d]));
const PLAN = formulaPlan(DEFS);

const BERLIN: KrClock['plant'] = { id: 'plant-1', timeZone: 'Europe/Berlin' };
const PATTERN = threeByEight('pattern-1', 'plant-1');
const clockAt = (iso: string): KrClock => ({ plant: BERLIN, pattern: PATTERN, nowMs: Date.parse(iso) });
const Q4 = { startDate: '2026-10-01', endDate: '2026-12-31' };

let n = 0;
const reading = (kpiId: string, productionDate: string, shiftCode: string, value: number, over: Partial<KpiReading> = {}): KpiReading =>
  testReading({ id: `r-${String(++n).padStart(4, '0')}`, kpiId, productionDate, shiftCode, value, recordedAt: `${productionDate}T${shiftCode === 'E' ? '12' : shiftCode === 'L' ? '20' : '23'}:00:00.000Z`, ...over });

const summariesOf = (readings: readonly KpiReading[]): KrSummaries => KrSummaries.fromIndex(buildBoardIndex(readings, DEFS, 'plant-1'));
const days = (from: string, to: string): KrSpan => ({ window: 'last_days', from, to, shiftCode: null });
const kr = (over: Partial<KeyResult> = {}): Pick<KeyResult, 'aggregation' | 'scope' | 'lineIds'> => ({ aggregation: 'average', ...over });

describe('ratio KPIs: the ratio of sums, never the mean of ratios', () => {
  // Early shift: 2 scrap of 10 made (20 %); late shift: 2 of 90 (2.2 %). Mean of ratios 11.1 %, ratio of sums 4 %.
  const readings = [reading('kpi-scrap', '2026-10-05', 'E', 2), reading('kpi-made', '2026-10-05', 'E', 10), reading('kpi-scrap', '2026-10-05', 'L', 2), reading('kpi-made', '2026-10-05', 'L', 90)];

  it('scrap rate over a day is 4 scrap of 100 made, not the mean of 20 % and 2.2 %', () => {
    const v = kpiFedValue(kr(), RATE, PLAN, summariesOf(readings), days('2026-10-05', '2026-10-05'));
    expect(v.value).toBeCloseTo(4, 12);
    expect(v.provenance).toMatchObject({ kpiId: 'kpi-scrap-rate', count: 4, lastReadingAt: '2026-10-05T20:00:00.000Z' });
  });

  it('a decreasing key result fed by it: scrap from 8 % to 4 % at 6 % is halfway', () => {
    const six = [reading('kpi-scrap', '2026-10-06', 'E', 6), reading('kpi-made', '2026-10-06', 'E', 100)];
    const v = kpiFedValue(kr(), RATE, PLAN, summariesOf(six), days('2026-10-06', '2026-10-06'));
    expect(rawProgress({ from: 8, to: 4 }, v.value)).toBeCloseTo(0.5, 12);
  });

  it('latest, min and max of a ratio KPI are those of its days, each a ratio of that day\'s sums', () => {
    const two = [...readings, reading('kpi-scrap', '2026-10-06', 'E', 1), reading('kpi-made', '2026-10-06', 'E', 50)];
    const s = summariesOf(two);
    expect(kpiFedValue(kr({ aggregation: 'latest' }), RATE, PLAN, s, days('2026-10-05', '2026-10-06')).value).toBeCloseTo(2, 12);
    expect(kpiFedValue(kr({ aggregation: 'max' }), RATE, PLAN, s, days('2026-10-05', '2026-10-06')).value).toBeCloseTo(4, 12);
    expect(kpiFedValue(kr({ aggregation: 'min' }), RATE, PLAN, s, days('2026-10-05', '2026-10-06')).value).toBeCloseTo(2, 12);
    // Over both days: 5 of 150.
    expect(kpiFedValue(kr(), RATE, PLAN, s, days('2026-10-05', '2026-10-06')).value).toBeCloseTo((5 / 150) * 100, 12);
  });
});

describe('typed KPIs: latest, mean, sum, min, max', () => {
  const readings = [
    reading('kpi-temp', '2026-10-05', 'E', 180),
    reading('kpi-temp', '2026-10-05', 'L', 190),
    reading('kpi-temp', '2026-10-06', 'E', 200),
    reading('kpi-temp', '2026-10-06', 'N', 170),
  ];
  const s = summariesOf(readings);
  const span = days('2026-10-05', '2026-10-06');
  it.each([
    ['latest', 170],
    ['average', 185],
    ['sum', 740],
    ['min', 170],
    ['max', 200],
  ] as const)('%s', (aggregation, expected) => {
    const v = kpiFedValue(kr({ aggregation }), TEMP, PLAN, s, span);
    expect(v.value).toBeCloseTo(expected, 12);
    expect(v.provenance.count).toBe(4);
    expect(v.provenance.lastReadingAt).toBe('2026-10-06T23:00:00.000Z');
  });

  it('no readings in the window: no value, and the provenance says none were read', () => {
    const v = kpiFedValue(kr(), TEMP, PLAN, s, days('2026-11-01', '2026-11-07'));
    expect(v).toEqual({ value: null, provenance: { kpiId: 'kpi-temp', span: days('2026-11-01', '2026-11-07'), count: 0, lastReadingAt: '' } });
  });

  it('a scope of lines leaves the other lines out', () => {
    const other = [...readings, reading('kpi-temp', '2026-10-05', 'E', 999, { lineId: 'line-2' })];
    expect(kpiFedValue(kr({ aggregation: 'max' }), TEMP, PLAN, summariesOf(other), span).value).toBe(999);
    expect(kpiFedValue(kr({ aggregation: 'max', scope: 'lines', lineIds: ['line-1'] }), TEMP, PLAN, summariesOf(other), span).value).toBe(200);
  });
});

describe('corrections count, superseded readings do not', () => {
  it('a corrected scrap count replaces the reading it supersedes', () => {
    const wrong = reading('kpi-scrap', '2026-10-05', 'E', 20);
    const fixed = reading('kpi-scrap', '2026-10-05', 'E', 2, { supersedes: wrong.id, recordedAt: '2026-10-05T13:00:00.000Z' });
    const made = reading('kpi-made', '2026-10-05', 'E', 100);
    const v = kpiFedValue(kr(), RATE, PLAN, summariesOf([wrong, fixed, made]), days('2026-10-05', '2026-10-05'));
    expect(v.value).toBeCloseTo(2, 12);
    expect(v.provenance.count).toBe(2);
    expect(kpiFedValue(kr({ aggregation: 'sum' }), SCRAP, PLAN, summariesOf([fixed, wrong]), days('2026-10-05', '2026-10-05')).value).toBe(2);
  });
});

describe('windows in the plant\'s shift calendar (Berlin, 3 x 8 from 06:00; DST ends Sunday 25 October 2026)', () => {
  it('at 05:30 on Monday 26 October the night shift of Sunday 25 still runs: today is the 25th', () => {
    const at = clockAt('2026-10-26T04:30:00.000Z'); // 05:30 CET
    expect(krSpan({ window: 'last_day', windowDays: 0 }, Q4, at)).toEqual({ window: 'last_day', from: '2026-10-24', to: '2026-10-24', shiftCode: null });
    // The week of 19 to 25 October is not complete before the night of the 25th ends.
    expect(krSpan({ window: 'last_week', windowDays: 0 }, Q4, at)).toEqual({ window: 'last_week', from: '2026-10-12', to: '2026-10-18', shiftCode: null });
    expect(krSpan({ window: 'last_shift', windowDays: 0 }, Q4, at)).toEqual({ window: 'last_shift', from: '2026-10-25', to: '2026-10-25', shiftCode: 'L' });
    expect(krSpan({ window: 'last_days', windowDays: 7 }, Q4, at)).toEqual({ window: 'last_days', from: '2026-10-19', to: '2026-10-25', shiftCode: null });
    expect(krSpan({ window: 'cycle_to_date', windowDays: 0 }, Q4, at)).toEqual({ window: 'cycle_to_date', from: '2026-10-01', to: '2026-10-25', shiftCode: null });
  });

  it('at 06:00 the night (9 hours long the night before, 8 this one) has ended: the week of the DST change is complete', () => {
    const at = clockAt('2026-10-26T05:00:00.000Z'); // 06:00 CET
    expect(krSpan({ window: 'last_week', windowDays: 0 }, Q4, at)).toMatchObject({ from: '2026-10-19', to: '2026-10-25' });
    expect(krSpan({ window: 'last_shift', windowDays: 0 }, Q4, at)).toMatchObject({ from: '2026-10-25', shiftCode: 'N' });
    expect(krSpan({ window: 'last_day', windowDays: 0 }, Q4, at)).toMatchObject({ from: '2026-10-25', to: '2026-10-25' });
  });

  it('the last complete shift counts only that shift\'s readings', () => {
    const readings = [reading('kpi-temp', '2026-10-25', 'L', 190), reading('kpi-temp', '2026-10-25', 'N', 170), reading('kpi-temp', '2026-10-25', 'E', 180)];
    const span = krSpan({ window: 'last_shift', windowDays: 0 }, Q4, clockAt('2026-10-26T05:00:00.000Z'));
    const v = kpiFedValue(kr(), TEMP, PLAN, summariesOf(readings), span);
    expect(v.value).toBe(170);
    expect(v.provenance.count).toBe(1);
  });

  it('cycle to date ends with the cycle and is empty before it starts', () => {
    expect(krSpan({ window: 'cycle_to_date', windowDays: 0 }, Q4, clockAt('2027-01-15T12:00:00.000Z'))).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    const before = krSpan({ window: 'cycle_to_date', windowDays: 0 }, Q4, clockAt('2026-09-15T12:00:00.000Z'));
    expect(before.from > before.to).toBe(true);
    expect(kpiFedValue(kr(), TEMP, PLAN, summariesOf([reading('kpi-temp', '2026-09-15', 'E', 1)]), before).value).toBeNull();
  });
});

describe('property: kept up to date reading by reading, in any order, equals computed from scratch', () => {
  const DATES = ['2026-10-04', '2026-10-05', '2026-10-06'];
  const arbReading = fc.record({
    kpi: fc.constantFrom('kpi-scrap', 'kpi-made', 'kpi-temp'),
    date: fc.constantFrom(...DATES),
    shift: fc.constantFrom('E', 'L', 'N'),
    line: fc.constantFrom('line-1', 'line-2'),
    value: fc.integer({ min: 0, max: 200 }),
    minute: fc.integer({ min: 0, max: 59 }),
    corrects: fc.option(fc.nat(), { nil: undefined }),
  });

  it('for every aggregation, window and scope', () => {
    fc.assert(
      fc.property(fc.array(arbReading, { minLength: 1, maxLength: 30 }), fc.infiniteStream(fc.nat()), (specs, order) => {
        const made: KpiReading[] = [];
        specs.forEach((s, i) => {
          const target = s.corrects === undefined || made.length === 0 ? undefined : made[s.corrects % made.length];
          const base = target ?? { kpiId: s.kpi, productionDate: s.date, shiftCode: s.shift, lineId: s.line };
          made.push(testReading({
            id: `p-${String(i).padStart(3, '0')}`, kpiId: base.kpiId, productionDate: base.productionDate, shiftCode: base.shiftCode, lineId: base.lineId,
            value: s.value, recordedAt: `${base.productionDate}T10:${String(s.minute).padStart(2, '0')}:00.000Z`, supersedes: target?.id ?? '',
          }));
        });
        // Any arrival order: a correction may arrive before what it corrects.
        const shuffled = made.slice();
        const it = order[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as KpiReading, shuffled[i] as KpiReading];
        }
        const live = buildBoardIndex([], DEFS, 'plant-1');
        const kept = KrSummaries.fromIndex(live);
        for (const r of shuffled) kept.update(live, indexReading(live, r, DEFS));
        const scratch = summariesOf(made);
        expect(kept.all()).toEqual(scratch.all());
        for (const def of [RATE, TEMP, SCRAP]) {
          for (const aggregation of ['latest', 'average', 'sum', 'min', 'max'] as const) {
            for (const scope of [kr({ aggregation }), kr({ aggregation, scope: 'lines', lineIds: ['line-2'] })]) {
              const span = days(DATES[0] as string, DATES[2] as string);
              expect(kpiFedValue(scope, def, PLAN, kept, span)).toEqual(kpiFedValue(scope, def, PLAN, scratch, span));
            }
          }
        }
      }),
      { seed: 20261207, numRuns: 100 },
    );
  });
});
