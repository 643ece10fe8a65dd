import { describe, expect, it } from 'vitest';
import { evaluateFormula } from '../domain/kpi/kpi-formulas.ts';
import { kpiStatus } from '../domain/kpi/kpi-status.ts';
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

  it('covers every line KPI, per shift or once a day as defined', () => {
    const lineKpis = data.kpi_definitions.filter((k) => k.level === 'line');
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

  it('keeps computed readings equal to the domain formula over the stored inputs', () => {
    // Daily inputs (the ideal cycle time) are read once a day: use that day's reading.
    const value = (code: string, lineId: string, date: string, shift: string): number | undefined => {
      const same = readings.filter((r) => r.lineId === lineId && r.productionDate === date && kpiById.get(r.kpiId)?.code === code);
      return (same.find((r) => r.shiftCode === shift) ?? same[0])?.value;
    };
    let checked = 0;
    for (const r of readings.filter((x) => x.plantId === 'plant-bochum' || x.plantId === 'plant-peoria')) {
      const k = kpiById.get(r.kpiId);
      if (!k?.formula) continue;
      const inputs = Object.fromEntries(
        Object.entries(k.formulaInputs).map(([name, code]) => [name, value(code, r.lineId, r.productionDate, r.shiftCode)]),
      );
      expect(Object.values(inputs).every((v) => v !== undefined), r.id).toBe(true);
      const expected = evaluateFormula(k.formula, inputs);
      expect(expected, r.id).not.toBeNull();
      expect(r.value, r.id).toBeCloseTo(expected ?? NaN, k.decimals);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('shows a mix of green, amber and red on the board, not one colour', () => {
    for (const formula of ['oee', 'first_pass_yield'] as const) {
      const statuses = readings
        .filter((r) => kpiById.get(r.kpiId)?.formula === formula)
        .map((r) => kpiStatus(kpiById.get(r.kpiId)!, r.value));
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
