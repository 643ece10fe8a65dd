/**
 * The tablet's KPI rows and the wall screen's tiles show one number for a shift: the same shared
 * code computes both, from the same readings.
 */
import { describe, expect, it } from 'vitest';
import { kpiRows } from './kpi-rows.ts';
import { shiftSlotValues } from '../../domain/board/shift-slot-values.ts';
import { demoKpiDefinitions } from '../../demo/demo-kpis.ts';
import { boardDefinitions, buildBoardIndex } from '../../domain/board/reading-index.ts';
import { tileFromIndex } from '../../domain/board/kpi-tile.ts';
import { testReading } from '../../domain/board/testing/board-test-fixtures.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';

const PLANT = 'plant-bochum';
const defs = demoKpiDefinitions().filter((d) => d.plantId === PLANT && d.lineId.endsWith('-pr1'));
const code = (c: string) => defs.find((d) => d.code === `PR1-${c}`)!;
const DATE = '2026-03-02';
const late = { plantId: PLANT, lineId: code('OEE').lineId, shiftCode: 'S', productionDate: DATE };

function reading(c: string, value: number, shiftCode = 'S', n = 0): KpiReading {
  return testReading({ id: `r-${c}-${shiftCode}-${n}`, kpiId: code(c).id, value, productionDate: DATE, plantId: PLANT, lineId: late.lineId, shiftCode, recordedAt: `${DATE}T13:0${n}:00.000Z` });
}

describe('the tablet\'s rows and the board\'s tiles', () => {
  it('show the same OEE and first pass yield for the shift, with the ideal cycle time entered in the early shift', () => {
    const cycle = reading('CYCLE', code('CYCLE').target, 'F');
    const shift = [reading('SHIFT_TIME', 480), reading('BREAKS', 45), reading('DOWNTIME', 30), reading('PRODUCED', 5400), reading('GOOD', 5290)];
    const rows = new Map(kpiRows(defs, late, shift, [cycle], new Map(), shiftSlotValues).map((r) => [r.def.code, r]));
    const index = buildBoardIndex([cycle, ...shift], boardDefinitions(defs, PLANT), PLANT);
    for (const c of ['OEE', 'FPY']) {
      const row = rows.get(`PR1-${c}`)!;
      const tile = tileFromIndex(index, code(c), DATE);
      expect(row.shiftValue, c).not.toBeNull();
      expect(row.shiftValue, c).toBe(tile.value);
      expect(row.status, c).toBe(tile.status);
    }
    expect(rows.get('PR1-FPY')?.shiftValue).toBeCloseTo((5290 / 5400) * 100, 10);
  });

  it('judge the status on the figure shown and mark an implausible computed value, naming the input', () => {
    const fpy = code('FPY');
    // A first pass yield a hair under target that rounds onto it (one decimal): on target, as shown.
    const produced = 100_000;
    const good = Math.ceil(produced * (fpy.target - 0.04) / 100);
    const rows = new Map(kpiRows(defs, late, [reading('PRODUCED', produced), reading('GOOD', good)], [], new Map(), shiftSlotValues).map((r) => [r.def.code, r]));
    expect(rows.get('PR1-FPY')?.shiftValue).toBeLessThan(fpy.target);
    expect(rows.get('PR1-FPY')?.status).toBe('green');

    const cycle = code('CYCLE');
    const tooFast = [reading('SHIFT_TIME', 480), reading('BREAKS', 30), reading('DOWNTIME', 0), reading('CYCLE', cycle.target * 3), reading('PRODUCED', 5000), reading('GOOD', 5000)];
    const oee = kpiRows(defs, late, tooFast, [], new Map(), shiftSlotValues).find((r) => r.def.code === 'PR1-OEE')!;
    expect(oee.implausible).toEqual({ code: 'ideal_cycle_too_slow', input: 'PR1-CYCLE', min: 0, max: 100 });
    expect(oee.status).toBe('none');
  });
});
