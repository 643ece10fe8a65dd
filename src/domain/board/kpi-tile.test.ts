import { describe, expect, it } from 'vitest';
import { addProductionDays } from '../shift/shift-calendar.ts';
import type { KpiReading } from '../kpi/kpi-types.ts';
import { testDef, testReading } from './testing/board-test-fixtures.ts';
import { flatTolerance, kpiTile, shiftOrderOf } from './kpi-tile.ts';

const now = new Date('2026-03-20T16:00:00Z'); // 17:00 in Berlin: 20 March
const zone = 'Europe/Berlin';
// Higher is better: green >= 90, amber 85..90, red below 85; flat band = (90 - 85) / 4 = 1.25.
const oee = testDef({ id: 'oee', ownerId: 'person-anna', indicator: 'lagging' });
const downtime = testDef({ id: 'down', direction: 'lower_is_better', target: 30, amberThreshold: 45, redThreshold: 66, indicator: 'leading', decimals: 0 });

/** One reading a day, oldest first, ending on `last`. */
function daily(kpiId: string, values: (number | null)[], last = '2026-03-20'): KpiReading[] {
  return values.flatMap((value, i) => {
    if (value === null) return [];
    const date = addProductionDays(last, i - (values.length - 1));
    return [testReading({ id: `${kpiId}-${date}`, kpiId, productionDate: date, value, recordedAt: `${date}T13:50:00.000Z` })];
  });
}

describe('kpiTile', () => {
  it('shows the newest value against target with status, icon, indicator and owner', () => {
    const tile = kpiTile(oee, daily('oee', [91, 92, 86]), now, zone);
    expect(tile).toMatchObject({
      kpiId: 'oee', value: 86, valueDate: '2026-03-20', valueShift: 'E', ageDays: 0, target: 90,
      status: 'amber', icon: 'triangle', statusLabel: 'Off target', indicator: 'lagging', ownerId: 'person-anna',
    });
    expect(kpiTile(downtime, daily('down', [20]), now, zone)).toMatchObject({ status: 'green', icon: 'check', indicator: 'leading' });
  });

  it('takes the last shift of the newest day, and says how old the value is', () => {
    const readings = [
      testReading({ id: 'e', kpiId: 'oee', productionDate: '2026-03-18', shiftCode: 'E', value: 95, recordedAt: '2026-03-18T13:50:00Z' }),
      testReading({ id: 'n', kpiId: 'oee', productionDate: '2026-03-18', shiftCode: 'N', value: 70, recordedAt: '2026-03-19T04:50:00Z' }),
    ];
    expect(kpiTile(oee, readings, now, zone)).toMatchObject({ value: 70, valueShift: 'N', ageDays: 2, status: 'red', icon: 'octagon' });
  });

  describe('the latest shift, not the newest tap', () => {
    // FPY, target 98: shift E 97.9 at 13:50, shift L 90 (red) at 21:50, E corrected to 99 at 22:10 (Berlin, UTC+1).
    const fpy = testDef({ id: 'fpy', target: 98, amberThreshold: 97, redThreshold: 95, decimals: 1 });
    const threeShifts = shiftOrderOf({
      shifts: [
        { code: 'N', name: 'Night', start: '22:00', durationMinutes: 480 },
        { code: 'E', name: 'Early', start: '06:00', durationMinutes: 480 },
        { code: 'L', name: 'Late', start: '14:00', durationMinutes: 480 },
      ],
    });
    const early = testReading({ id: 'e', kpiId: 'fpy', productionDate: '2026-03-20', shiftCode: 'E', value: 97.9, recordedAt: '2026-03-20T12:50:00Z' });
    const late = testReading({ id: 'l', kpiId: 'fpy', productionDate: '2026-03-20', shiftCode: 'L', value: 90, recordedAt: '2026-03-20T20:50:00Z' });
    const fixE = testReading({ id: 'e2', kpiId: 'fpy', productionDate: '2026-03-20', shiftCode: 'E', value: 99, recordedAt: '2026-03-20T21:10:00Z', supersedes: 'e' });
    const at2230 = new Date('2026-03-20T21:30:00Z');

    it('orders a day by shift start, the night shift last', () => {
      expect([...threeShifts]).toEqual([['E', 0], ['L', 1], ['N', 2]]);
    });

    it('keeps the late shift red after a later correction of the early shift', () => {
      for (const order of [[early, late, fixE], [fixE, late, early], [late, fixE, early]]) {
        expect(kpiTile(fpy, order, at2230, zone, threeShifts)).toMatchObject({ value: 90, valueShift: 'L', status: 'red', icon: 'octagon' });
      }
    });

    it('shows a correction of the latest shift itself', () => {
      const fixL = testReading({ id: 'l2', kpiId: 'fpy', productionDate: '2026-03-20', shiftCode: 'L', value: 98.5, recordedAt: '2026-03-20T21:20:00Z', supersedes: 'l' });
      expect(kpiTile(fpy, [early, late, fixE, fixL], at2230, zone, threeShifts)).toMatchObject({ value: 98.5, valueShift: 'L', status: 'green' });
    });

    it('breaks equal slots by the newest tap, then the id, whatever order the readings come in', () => {
      const lineB = testReading({ id: 'lb', kpiId: 'fpy', lineId: 'line-2', productionDate: '2026-03-20', shiftCode: 'L', value: 99, recordedAt: '2026-03-20T20:55:00Z' });
      expect(kpiTile(fpy, [late, lineB], at2230, zone, threeShifts)).toMatchObject({ value: 99, valueShift: 'L' });
      expect(kpiTile(fpy, [lineB, late], at2230, zone, threeShifts)).toMatchObject({ value: 99, valueShift: 'L' });
      const sameTap = { ...lineB, id: 'la', recordedAt: late.recordedAt };
      expect(kpiTile(fpy, [late, sameTap], at2230, zone, threeShifts).value).toBe(99); // 'la' sorts after 'l'
      expect(kpiTile(fpy, [sameTap, late], at2230, zone, threeShifts).value).toBe(99);
    });

    it('ranks a shift code the pattern does not know before the known ones', () => {
      const old = testReading({ id: 'x', kpiId: 'fpy', productionDate: '2026-03-20', shiftCode: 'X', value: 99, recordedAt: '2026-03-20T21:15:00Z' });
      expect(kpiTile(fpy, [early, old], at2230, zone, threeShifts)).toMatchObject({ value: 97.9, valueShift: 'E' });
    });
  });

  it('shows no value rather than one older than 30 days', () => {
    const tile = kpiTile(oee, daily('oee', [95], '2026-02-18'), now, zone);
    expect(tile).toMatchObject({ value: null, valueDate: null, ageDays: null, status: 'none', icon: 'dash', trend: 'none' });
  });

  it('carries the 7- and 30-day trend series', () => {
    const tile = kpiTile(oee, daily('oee', [80, 85, 90, 95]), now, zone);
    expect(tile.trend30.points).toHaveLength(30);
    expect(tile.trend7.points.map((p) => p.value)).toEqual([null, null, null, 80, 85, 90, 95]);
    expect([tile.trend7.min, tile.trend7.max]).toEqual([80, 95]);
  });
});

describe('kpiTile trend arrow', () => {
  it('is better when a higher-is-better KPI rises past the flat band, worse when it falls', () => {
    expect(flatTolerance(oee)).toBe(1.25);
    expect(kpiTile(oee, daily('oee', [88, 88, 88, 90]), now, zone).trend).toBe('better');
    expect(kpiTile(oee, daily('oee', [88, 88, 88, 86]), now, zone).trend).toBe('worse');
    expect(kpiTile(oee, daily('oee', [88, 88, 88, 89]), now, zone).trend).toBe('flat');
  });

  it('reads direction: falling downtime is better', () => {
    expect(kpiTile(downtime, daily('down', [40, 40, 30]), now, zone).trend).toBe('better');
    expect(kpiTile(downtime, daily('down', [30, 30, 40]), now, zone).trend).toBe('worse');
  });

  it('compares with the mean of the 7 days before the newest, skipping gaps and older days', () => {
    // 8 days back (outside the baseline) a 0 that would drag the mean down; then 90, gap, 90; today 90.
    expect(kpiTile(oee, daily('oee', [0, 90, null, 90, 90, 90, 90, 90, 90]), now, zone).trend).toBe('flat');
  });

  it('has no arrow with nothing to compare or when the newest day is a week old', () => {
    expect(kpiTile(oee, daily('oee', [90]), now, zone).trend).toBe('none');
    expect(kpiTile(oee, daily('oee', [80, 95], '2026-03-13'), now, zone).trend).toBe('none');
    expect(kpiTile(oee, daily('oee', [80, 95], '2026-03-14'), now, zone).trend).toBe('better');
  });

  it('uses one step of the entered precision when there is no amber band', () => {
    expect(flatTolerance(testDef({ id: 'x', target: 1, amberThreshold: 1, decimals: 0 }))).toBe(1);
    expect(flatTolerance(testDef({ id: 'y', target: 1, amberThreshold: 1, decimals: 2 }))).toBeCloseTo(0.01);
  });
});
