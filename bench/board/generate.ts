/**
 * The benchmark's plants: `lines` lines x 10 KPIs (two per SQDCP letter) with
 * a reading per shift (3 shifts) for each of the last `days` production days,
 * values spread around target so the board shows green, amber and red.
 * Seeded, so every run measures the same data.
 */
import type { KpiDefinition, KpiReading } from '../../src/domain/kpi/kpi-types.ts';
import type { Line, Plant } from '../../src/domain/plant/plant-types.ts';
import type { Person } from '../../src/domain/people/people-types.ts';
import type { ShiftPattern } from '../../src/domain/shift/shift-types.ts';
import { SQDCP } from '../../src/domain/kpi/kpi-types.ts';
import { addProductionDays } from '../../src/domain/shift/shift-calendar.ts';
import { createPrng } from '../../src/domain/records/prng.ts';

const meta = () => ({ hlc: '000000000000000:000000:bench', fieldClocks: {}, conflicts: [] });
export const PLANT_ID = 'plant-bench';
export const SHIFTS = ['E', 'L', 'N'] as const;

export const prng = (seed: number): (() => number) => createPrng(seed).next;

export interface BenchPlant {
  plant: Plant;
  lines: Line[];
  pattern: ShiftPattern;
  people: Person[];
  defs: KpiDefinition[];
  readings: KpiReading[];
}

export function benchValue(rnd: () => number): number {
  // Target 90 (higher is better), amber below 85, red below 80: mostly on target, some amber and red.
  return Math.round((80 + rnd() * 16) * 10) / 10;
}

export function benchPlant(lines: number, days: number, today: string, seed = 7): BenchPlant {
  const rnd = prng(seed);
  const plant: Plant = {
    ...meta(), id: PLANT_ID, enterpriseId: 'ent-bench', code: 'BEN', name: 'Benchmark Plant', timeZone: 'Europe/Berlin', locale: 'en-GB',
    shiftPatternId: 'pattern-bench', idleSignOutMinutes: 5,
    tierLadder: [{ tier: 1, label: 'line lead', role: 'shift_lead', afterMinutes: 0 }, { tier: 2, label: 'maintenance', role: 'responder', afterMinutes: 30 }],
  };
  const pattern: ShiftPattern = {
    ...meta(), id: 'pattern-bench', plantId: PLANT_ID, name: '3x8', kind: '3x8', crews: [], rotationAnchor: null, rotation: [],
    shifts: [
      { code: 'E', name: 'Early', start: '06:00', durationMinutes: 480 },
      { code: 'L', name: 'Late', start: '14:00', durationMinutes: 480 },
      { code: 'N', name: 'Night', start: '22:00', durationMinutes: 480 },
    ],
  };
  const people: Person[] = Array.from({ length: 12 }, (_, i) => ({
    ...meta(), id: `person-${i}`, plantId: PLANT_ID, name: `Person ${i}`, badge: String(1000 + i), role: i === 0 ? 'supervisor' : 'shift_lead', pinHash: '', pinSalt: '', active: true,
  }));
  const lineList: Line[] = Array.from({ length: lines }, (_, l) => ({
    ...meta(), id: `line-${l}`, plantId: PLANT_ID, area: `Area ${Math.floor(l / 5)}`, code: `L${String(l).padStart(2, '0')}`, name: `Line ${l}`, active: true,
  }));
  const defs: KpiDefinition[] = lineList.flatMap((line, l) =>
    Array.from({ length: 10 }, (_, k): KpiDefinition => ({
      ...meta(), id: `kpi-${l}-${k}`, plantId: PLANT_ID, level: 'line', lineId: line.id, area: '', code: `${line.code}-K${k}`, name: `KPI ${k} of ${line.code}`,
      category: SQDCP[k % 5] ?? 'quality', unit: '%', direction: 'higher_is_better', target: 90, amberThreshold: 85, redThreshold: 80,
      indicator: k % 2 === 0 ? 'leading' : 'lagging', ownerId: `person-${(l + k) % 12}`, frequency: 'per_shift', formula: null, formulaInputs: {},
      plausibleMin: 0, plausibleMax: 100, decimals: 1, active: true,
    })),
  );
  const readings: KpiReading[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const date = addProductionDays(today, -back);
    for (const shift of SHIFTS) {
      for (const def of defs) {
        readings.push({
          id: `r-${def.id}-${date}-${shift}`, kpiId: def.id, plantId: PLANT_ID, lineId: def.lineId, shiftCode: shift, productionDate: date,
          value: benchValue(rnd), personId: 'person-1', deviceId: 'device-bench', recordedAt: `${date}T${shift === 'E' ? '09' : shift === 'L' ? '17' : '23'}:00:00.000Z`,
          clockOffsetMs: 0, note: '', supersedes: '', correctionReason: '', receivedAt: '',
        });
      }
    }
  }
  return { plant, lines: lineList, pattern, people, defs, readings };
}
