import { describe, expect, it } from 'vitest';
import { figureStatus } from '../domain/kpi/kpi-figure.ts';
import { boardDefinitions, buildBoardIndex, winnersOn, type BoardReading } from '../domain/board/reading-index.ts';
import { demoDataset, demoReadings } from './demo-data.ts';

const NOW = '2026-11-21T01:00:00.000Z';
const data = demoDataset();
const kpiById = new Map(data.kpi_definitions.map((k) => [k.id, k]));
const readings = demoReadings(NOW, 7);

describe('demoReadings', () => {
  it('is deterministic for the same now and window', () => {
    expect(demoReadings(NOW, 7)).toEqual(readings);
  });

  it('gives the same shift the same numbers whatever the window', () => {
    const longer = new Map(demoReadings('2026-11-23T12:00:00.000Z', 10).map((r) => [r.id, r]));
    expect(readings.length).toBeGreaterThan(0);
    for (const r of readings) expect(longer.get(r.id), r.id).toEqual(r);
  });

  it('gives ids unique readings, only for shifts that ended by now', () => {
    expect(new Set(readings.map((r) => r.id)).size).toBe(readings.length);
    for (const r of readings) expect(Date.parse(r.recordedAt)).toBeLessThanOrEqual(Date.parse(NOW));
  });

  it('covers every typed line KPI, per shift or once a day as defined; computed KPIs get none', () => {
    const lineKpis = data.kpi_definitions.filter((k) => k.level === 'line' && k.formula === null);
    expect(readings.some((r) => kpiById.get(r.kpiId)?.formula !== null)).toBe(false);
    for (const k of lineKpis) {
      const mine = readings.filter((r) => r.kpiId === k.id);
      const shifts = new Set(mine.map((r) => `${r.productionDate}|${r.shiftCode}`));
      const dates = new Set(mine.map((r) => r.productionDate));
      expect(mine.length, k.id).toBeGreaterThan(0);
      expect(shifts.size, k.id).toBe(mine.length);
      if (k.frequency === 'daily') expect(dates.size, k.id).toBe(mine.length);
    }
    expect(readings.every((r) => kpiById.get(r.kpiId)?.level === 'line')).toBe(true);
  });

  it('covers a 12-hour plant with two shifts a day and a 3x8 plant with three', () => {
    const perDay = (plantId: string, date: string) =>
      new Set(readings.filter((r) => r.plantId === plantId && r.productionDate === date).map((r) => r.shiftCode));
    expect(perDay('plant-bochum', '2026-11-19')).toEqual(new Set(['F', 'S', 'N']));
    expect(perDay('plant-pune', '2026-11-19')).toEqual(new Set(['D', 'N']));
    expect(perDay('plant-peoria', '2026-11-19')).toEqual(new Set(['D', 'N']));
    // Bochum's early shift of 21 Nov starts 06:00 Berlin = 05:00 UTC, after NOW: nothing yet.
    expect(perDay('plant-bochum', '2026-11-21').size).toBe(0);
  });

  it('records plausible values by real people on the line tablet, rounded to the KPI decimals', () => {
    const people = new Map(data.people.map((p) => [p.id, p]));
    const devices = new Map(data.devices.map((d) => [d.id, d]));
    for (const r of readings) {
      const k = kpiById.get(r.kpiId);
      expect(k?.lineId, r.id).toBe(r.lineId);
      expect(r.value, r.id).toBeGreaterThanOrEqual(k?.plausibleMin ?? 0);
      expect(r.value, r.id).toBeLessThanOrEqual(k?.plausibleMax ?? 0);
      expect(Math.abs(r.value * 10 ** (k?.decimals ?? 0) - Math.round(r.value * 10 ** (k?.decimals ?? 0)))).toBeLessThan(1e-6);
      expect(people.get(r.personId)?.plantId, r.id).toBe(r.plantId);
      expect(devices.get(r.deviceId)?.lineId, r.id).toBe(r.lineId);
      expect([r.supersedes, r.correctionReason, r.receivedAt]).toEqual(['', '', '']);
    }
  });

  /** What the board derives for the computed KPIs of two plants from the demo's input readings. */
  function derived(formula: 'oee' | 'first_pass_yield'): BoardReading[] {
    const out: BoardReading[] = [];
    for (const plant of ['plant-bochum', 'plant-peoria']) {
      const defs = boardDefinitions(data.kpi_definitions, plant);
      const index = buildBoardIndex(readings, defs, plant);
      const dates = new Set(readings.map((r) => r.productionDate));
      for (const d of defs.values()) if (d.formula === formula) for (const date of dates) out.push(...winnersOn(index, d.id, date));
    }
    return out;
  }

  it('gives the board plausible computed values for every shift, derived from the inputs', () => {
    for (const formula of ['oee', 'first_pass_yield'] as const) {
      const values = derived(formula);
      expect(values.length, formula).toBeGreaterThan(100);
      expect(values.filter((r) => r.implausible).map((r) => r.id), formula).toEqual([]);
    }
  });

  it('shows a mix of green, amber and red on the board, not one colour', () => {
    for (const formula of ['oee', 'first_pass_yield'] as const) {
      const statuses = derived(formula).map((r) => figureStatus(kpiById.get(r.kpiId)!, r.value));
      const share = (s: string) => statuses.filter((x) => x === s).length / statuses.length;
      for (const s of ['green', 'amber', 'red']) {
        expect(share(s), `${formula} ${s}`).toBeGreaterThan(0.05);
        expect(share(s), `${formula} ${s}`).toBeLessThan(0.8);
      }
    }
  });

  it('refuses a time that is not ISO', () => {
    expect(() => demoReadings('yesterday', 1)).toThrow(/not an ISO time/);
  });
});
