/**
 * Builders and a deliberately naive reference for the board's tests (not
 * exported from the domain index). The reference computes the SQDCP day states
 * the slow, obvious way so the index's one-pass and incremental paths have
 * something independent to agree with.
 */
import { figureStatus } from '../../kpi/kpi-figure.ts';
import { formulaResult } from '../../kpi/formula-results.ts';
import { addProductionDays } from '../../shift/shift-calendar.ts';
import { SQDCP, type KpiDefinition, type KpiReading, type SqdcpCategory } from '../../kpi/kpi-types.ts';
import { type ProductionDate } from '../../records/record-types.ts';
import { boardDefinitions } from '../reading-index.ts';
import { createPrng } from '../../records/prng.ts';

export function testDef(over: Partial<KpiDefinition> & Pick<KpiDefinition, 'id'>): KpiDefinition {
  return {
    hlc: '', fieldClocks: {}, conflicts: [],
    plantId: 'plant-1', level: 'line', lineId: 'line-1', area: '', code: over.id.toUpperCase(), name: over.id,
    category: 'quality', unit: '%', direction: 'higher_is_better', target: 90, amberThreshold: 85, redThreshold: 80,
    indicator: 'lagging', ownerId: 'person-owner', frequency: 'per_shift', formula: null, formulaInputs: {},
    plausibleMin: 0, plausibleMax: 100, decimals: 1, active: true,
    ...over,
  };
}

export function testReading(over: Partial<KpiReading> & Pick<KpiReading, 'id' | 'kpiId' | 'productionDate' | 'value'>): KpiReading {
  return {
    plantId: 'plant-1', lineId: 'line-1', shiftCode: 'E', personId: 'person-lead', deviceId: 'device-1',
    recordedAt: `${over.productionDate}T12:00:00.000Z`, clockOffsetMs: 0, note: '', supersedes: '', correctionReason: '', receivedAt: '',
    ...over,
  };
}

/** Mulberry32, seeded: the same sequence on every run. */
export const seeded = (seed: number): (() => number) => createPrng(seed).next;

/** The large plant the board is measured on (bench/board-bench.ts): `lines` lines x 10 KPIs (two per SQDCP letter) x `days` days x 3 shifts. */
export function largePlant(lines: number, days: number, lastDate: ProductionDate, seed = 1): { defs: KpiDefinition[]; readings: KpiReading[] } {
  const rnd = seeded(seed);
  const defs: KpiDefinition[] = [];
  for (let l = 0; l < lines; l++) {
    for (let k = 0; k < 10; k++) {
      const category = SQDCP[k % 5] as SqdcpCategory;
      defs.push(testDef({ id: `kpi-l${l}-k${k}`, lineId: `line-${l}`, category, frequency: k === 9 ? 'daily' : 'per_shift' }));
    }
  }
  const readings: KpiReading[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const date = addProductionDays(lastDate, -back);
    for (const shift of ['E', 'L', 'N']) {
      for (const def of defs) {
        readings.push(testReading({
          id: `r-${def.id}-${date}-${shift}`, kpiId: def.id, lineId: def.lineId, shiftCode: shift, productionDate: date,
          // Mostly on target, some amber and red: about what a real plant shows.
          value: Math.round((80 + rnd() * 14) * 10) / 10,
          recordedAt: `${date}T${shift === 'E' ? '13' : shift === 'L' ? '21' : '23'}:50:00.000Z`,
        }));
      }
    }
  }
  return { defs, readings };
}

/**
 * The SQDCP day states the slow way: drop superseded readings, keep the newest
 * per slot (server time, then id), then per category and date: any non-green
 * slot -> red, all green -> green, nothing -> none, after today -> future.
 * A computed KPI's slots are its formula over its typed inputs of the same
 * line and shift (a daily input: the day's newest), judged like any other, and
 * left out when implausible; readings typed for a computed KPI do not count.
 */
export function referenceDayStates(
  readings: readonly KpiReading[],
  defs: ReadonlyMap<string, KpiDefinition>,
  plantId: string,
  dates: readonly ProductionDate[],
  today: ProductionDate,
): Record<SqdcpCategory, string[]> {
  const mine = readings.filter((r) => r.plantId === plantId);
  const superseded = new Set(mine.map((r) => r.supersedes).filter(Boolean));
  const newestBySlot = new Map<string, KpiReading>();
  const server = (r: KpiReading) => Date.parse(r.recordedAt) + r.clockOffsetMs;
  for (const r of mine) {
    if (superseded.has(r.id) || !defs.has(r.kpiId) || defs.get(r.kpiId)?.formula !== null) continue;
    const key = [r.kpiId, r.lineId, r.shiftCode, r.productionDate].join('|');
    const cur = newestBySlot.get(key);
    if (!cur || server(r) > server(cur) || (server(r) === server(cur) && r.id > cur.id)) newestBySlot.set(key, r);
  }
  const byCategoryDate = new Map<string, string[]>();
  const add = (def: KpiDefinition, date: ProductionDate, value: number) => {
    const key = `${def.category}|${date}`;
    byCategoryDate.set(key, [...(byCategoryDate.get(key) ?? []), figureStatus(def, value)]);
  };
  for (const r of newestBySlot.values()) add(defs.get(r.kpiId) as KpiDefinition, r.productionDate, r.value);
  const typed = [...newestBySlot.values()];
  for (const f of defs.values()) {
    if (f.formula === null) continue;
    const inputs = Object.values(f.formulaInputs).map((code) => [...defs.values()].find((d) => d.code === code && (d.lineId === f.lineId || d.level !== 'line')));
    if (inputs.some((d) => !d || d.formula !== null)) continue;
    const slots = new Set(typed.filter((r) => inputs.some((d) => d?.id === r.kpiId && d.frequency !== 'daily')).map((r) => `${r.productionDate}|${r.shiftCode}`));
    for (const slot of slots) {
      const [date, shift] = slot.split('|') as [ProductionDate, string];
      const byCode = new Map<string, number>();
      for (const d of inputs as KpiDefinition[]) {
        const of = typed.filter((r) => r.kpiId === d.id && r.productionDate === date && (d.frequency === 'daily' || r.shiftCode === shift));
        const newest = of.sort((a, b) => server(a) - server(b) || (a.id < b.id ? -1 : 1)).at(-1);
        if (newest) byCode.set(d.code, newest.value);
      }
      const result = formulaResult(f, byCode);
      if (result.kind === 'value') add(f, date, result.value);
    }
  }
  const out = {} as Record<SqdcpCategory, string[]>;
  for (const category of SQDCP) {
    out[category] = dates.map((date) => {
      if (date > today) return 'future';
      const statuses = (byCategoryDate.get(`${category}|${date}`) ?? []).filter((s) => s !== 'none');
      if (statuses.length === 0) return 'none';
      return statuses.every((s) => s === 'green') ? 'green' : 'red';
    });
  }
  return out;
}

/**
 * Random readings for 2 lines x 5 KPIs over 40 days: duplicates (re-sent), two
 * tablets on one shift, corrections (some moved to another shift or day), chains of
 * corrections, another plant's readings, an unknown KPI, and a future date.
 */
export function randomReadings(seed: number): KpiReading[] {
  const rnd = seeded(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: KpiReading[] = [];
  for (let i = 0; i < 400; i++) {
    const date = addProductionDays('2026-03-21', -Math.floor(rnd() * 40));
    const base = testReading({
      id: `r${i}`,
      kpiId: pick(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'ghost']),
      plantId: rnd() < 0.05 ? 'plant-2' : 'plant-1',
      lineId: pick(['line-1', 'line-2']),
      shiftCode: pick(['D', 'N']),
      productionDate: date,
      value: Math.round(70 + rnd() * 30),
      recordedAt: new Date(Date.parse(`${date}T12:00:00Z`) + Math.floor(rnd() * 36e6)).toISOString(),
      clockOffsetMs: Math.floor(rnd() * 2000) - 1000,
    });
    out.push(base);
    const prior = out[Math.floor(rnd() * out.length)] as KpiReading;
    const roll = rnd();
    if (roll < 0.1) out.push({ ...prior }); // re-sent
    else if (roll < 0.3) out.push({ ...prior, id: `${prior.id}-c${i}`, supersedes: prior.id, value: Math.round(70 + rnd() * 30) });
    else if (roll < 0.35) out.push({ ...prior, id: `${prior.id}-m${i}`, supersedes: prior.id, shiftCode: prior.shiftCode === 'D' ? 'N' : 'D' });
    else if (roll < 0.38) out.push({ ...prior, id: `${prior.id}-d${i}`, supersedes: prior.id, productionDate: addProductionDays(prior.productionDate, 1) });
    else if (roll < 0.45) out.push({ ...prior, id: `${prior.id}-t${i}`, value: Math.round(70 + rnd() * 30), recordedAt: new Date(Date.parse(prior.recordedAt) + 60_000).toISOString() });
  }
  return out;
}

/** Definitions for randomReadings: one per category, a daily one, a lower-is-better one, one line-bound, one inactive. */
export const mixedDefs = boardDefinitions(
  [
    testDef({ id: 'k0', category: 'safety', frequency: 'daily' }),
    testDef({ id: 'k1', category: 'quality' }),
    testDef({ id: 'k2', category: 'delivery', direction: 'lower_is_better', target: 80, amberThreshold: 90, redThreshold: 95 }),
    testDef({ id: 'k3', category: 'cost' }),
    testDef({ id: 'k4', category: 'people', lineId: 'line-2' }),
    testDef({ id: 'k5', category: 'quality', active: false }),
  ],
  'plant-1',
);
