import { describe, expect, it } from 'vitest';
import { testDef, testReading } from './testing/board-test-fixtures.ts';
import { aggregationOf } from '../kpi/kpi-aggregation.ts';
import { dailyValue, kpiDayState, kpiTrend, trendPolyline, trendScale, trendSegments, type KpiTrendSeries } from './kpi-trend.ts';

const perShift = testDef({ id: 'oee', frequency: 'per_shift' });
const daily = testDef({ id: 'ppm', frequency: 'daily', direction: 'lower_is_better', target: 25, amberThreshold: 50, redThreshold: 100 });

describe('dailyValue', () => {
  it('averages the shifts of a per-shift KPI, keeping the per-shift target scale', () => {
    expect(aggregationOf(perShift)).toBe('mean');
    const shifts = [80, 90, 70].map((value, i) => testReading({ id: `r${i}`, kpiId: 'oee', productionDate: '2026-03-02', shiftCode: 'ELN'[i], value }));
    expect(dailyValue(perShift, shifts)).toBe(80);
  });

  it('takes the latest tap of a daily KPI', () => {
    expect(aggregationOf(daily)).toBe('latest');
    const a = testReading({ id: 'a', kpiId: 'ppm', productionDate: '2026-03-02', value: 40, recordedAt: '2026-03-02T08:00:00Z' });
    const b = testReading({ id: 'b', kpiId: 'ppm', productionDate: '2026-03-02', lineId: 'line-2', value: 10, recordedAt: '2026-03-02T09:00:00Z' });
    expect(dailyValue(daily, [b, a])).toBe(10);
  });

  it('gives no value, not zero, for a day without usable readings', () => {
    expect(dailyValue(perShift, [])).toBeNull();
    expect(dailyValue(perShift, [testReading({ id: 'n', kpiId: 'oee', productionDate: '2026-03-02', value: Number.NaN })])).toBeNull();
  });
});

describe('the day state of a KPI history point', () => {
  const fpy = testDef({ id: 'fpy', target: 98, amberThreshold: 97, redThreshold: 95 });
  const shifts = (values: number[]) =>
    values.map((value, i) => testReading({ id: `s${i}`, kpiId: 'fpy', productionDate: '2026-03-02', shiftCode: 'ELN'[i], value }));

  it('is red, as on the calendar, when one shift missed though the mean made target', () => {
    const t = kpiTrend(fpy, shifts([100, 96]), '2026-03-02', 1);
    expect(t.points).toEqual([{ date: '2026-03-02', value: 98, state: 'red' }]);
  });

  it('is red for an amber shift too, green only when every shift met target, none without readings', () => {
    expect(kpiDayState(fpy, shifts([99, 97.5]), '2026-03-02', '2026-03-02')).toBe('red');
    expect(kpiDayState(fpy, shifts([99, 98]), '2026-03-02', '2026-03-02')).toBe('green');
    expect(kpiDayState(fpy, [], '2026-03-02', '2026-03-02')).toBe('none');
  });
});

describe('kpiTrend', () => {
  const readings = [
    testReading({ id: 'd1', kpiId: 'oee', productionDate: '2026-03-04', value: 60 }),
    testReading({ id: 'd1b', kpiId: 'oee', productionDate: '2026-03-04', shiftCode: 'L', value: 70 }),
    testReading({ id: 'd3', kpiId: 'oee', productionDate: '2026-03-06', value: 90 }),
    testReading({ id: 'old', kpiId: 'oee', productionDate: '2026-02-01', value: 10 }),
    // A correction: the bad 20 on the 7th is replaced by 80.
    testReading({ id: 'bad', kpiId: 'oee', productionDate: '2026-03-07', value: 20 }),
    testReading({ id: 'fix', kpiId: 'oee', productionDate: '2026-03-07', value: 80, supersedes: 'bad', recordedAt: '2026-03-07T13:00:00Z' }),
  ];

  it('has one point per day ending today, gaps as null, min and max over the values', () => {
    const t = kpiTrend(perShift, readings, '2026-03-07', 7);
    expect(t.points.map((p) => p.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07']);
    expect(t.points.map((p) => p.value)).toEqual([null, null, null, 65, null, 90, 80]);
    expect([t.min, t.max]).toEqual([65, 90]);
  });

  it('reaches back 30 days across the month boundary', () => {
    const t = kpiTrend(perShift, readings, '2026-03-07', 30);
    expect(t.points).toHaveLength(30);
    expect(t.points[0]?.date).toBe('2026-02-06');
    expect(t.min).toBe(65); // the 10 on 1 February is outside the window
  });

  it('has no min or max without data', () => {
    const t = kpiTrend(perShift, [], '2026-03-07', 7);
    expect(t.points.every((p) => p.value === null)).toBe(true);
    expect([t.min, t.max]).toEqual([null, null]);
  });
});

function series(values: (number | null)[]): KpiTrendSeries {
  const present = values.filter((v): v is number => v !== null);
  return {
    points: values.map((value, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, value, state: 'none' as const })),
    min: present.length ? Math.min(...present) : null,
    max: present.length ? Math.max(...present) : null,
  };
}

describe('trendPolyline', () => {
  it('spreads days over the width and puts high values at the top (SVG y runs down)', () => {
    expect(trendPolyline(series([0, 5, 10]), 100, 50)).toBe('0,50 50,25 100,0');
  });

  it('keeps a gap day in its place and bridges it', () => {
    expect(trendPolyline(series([0, null, 10]), 100, 50)).toBe('0,50 100,0');
  });

  it('breaks the line at gaps in the segment variant', () => {
    expect(trendSegments(series([0, 10, null, 10, null, null, 0]), 60, 10)).toEqual(['0,10 10,0', '30,0', '60,10']);
  });

  it('draws a flat series across the middle and rounds to a tenth of a pixel', () => {
    expect(trendPolyline(series([7, 7]), 30, 20)).toBe('0,10 30,10');
    expect(trendPolyline(series([0, 1, 3]), 10, 10)).toBe('0,10 5,6.7 10,0');
  });

  it('fits the target into the scale when asked', () => {
    const s = series([80, 90]);
    expect(trendScale(s, 100)).toEqual({ min: 80, max: 100 });
    expect(trendPolyline(s, 10, 20, trendScale(s, 100))).toBe('0,20 10,10');
  });

  it('draws nothing without data', () => {
    expect(trendPolyline(series([null, null]), 100, 50)).toBe('');
    expect(trendSegments(series([]), 100, 50)).toEqual([]);
  });
});
