import { describe, expect, it } from 'vitest';
import { boardWindow } from '../board/board-state.ts';
import { plantLocalDate } from '../shift/shift-calendar.ts';
import { COLLECTION_NAMES } from './collections.ts';
import { BOARD_LOOK_BACK_DAYS, RETENTION, insideWindow, isWindowed, retentionCutoff, type RetentionKind } from './retention.ts';

const KINDS = Object.keys(RETENTION) as RetentionKind[];
const ZONES = ['Pacific/Kiritimati', 'Asia/Kolkata', 'Europe/Berlin', 'America/Chicago', 'Pacific/Pago_Pago'];

describe('retention windows', () => {
  it('[R1] only readings and handovers are windowed; every other collection is kept whole', () => {
    expect(COLLECTION_NAMES.filter(isWindowed)).toEqual(['kpi_readings', 'handovers']);
    for (const kind of KINDS) expect(retentionCutoff(kind, 'escalations', new Date('2026-03-31T12:00:00Z'))).toBeNull();
  });

  it('[R1] a tablet keeps 35 days of readings, counted back from today', () => {
    expect(retentionCutoff('tablet', 'kpi_readings', new Date('2026-03-31T23:59:00Z'))).toBe('2026-02-24');
    expect(retentionCutoff('tablet', 'kpi_readings', new Date('2026-03-31T00:00:00Z'))).toBe('2026-02-24');
  });

  it('[R1] every kind keeps at least what the plant board looks back to, in every time zone, on any day of the month', () => {
    for (const kind of KINDS) {
      for (const zone of ZONES) {
        for (let day = 0; day < 120; day += 1) {
          const now = new Date(Date.UTC(2026, 0, 1, 11) + day * 86_400_000);
          const boardFrom = boardWindow(plantLocalDate(zone, now)).from;
          expect(retentionCutoff(kind, 'kpi_readings', now)! <= boardFrom, `${kind} ${zone} ${now.toISOString()}`).toBe(true);
        }
      }
    }
    expect(RETENTION.tablet.kpi_readings).toBeGreaterThanOrEqual(BOARD_LOOK_BACK_DAYS);
  });

  it('[R1] a record without a production date is never outside a window', () => {
    expect(insideWindow({}, '2026-01-01')).toBe(true);
    expect(insideWindow({ productionDate: '2025-12-31' }, '2026-01-01')).toBe(false);
    expect(insideWindow({ productionDate: '2026-01-01' }, '2026-01-01')).toBe(true);
    expect(insideWindow({ productionDate: '2020-01-01' }, null)).toBe(true);
  });
});
