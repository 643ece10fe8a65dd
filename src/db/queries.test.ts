import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { sampleRecord } from '../domain/records/testing/sample-records.ts';
import type { KpiDefinition, KpiReading } from '../domain/kpi/kpi-types.ts';
import type { TierboardDatabase } from './database.ts';
import {
  appliesToLine,
  findPersonByBadge,
  kpiDefinitionsForLine,
  latestReadingPerKpi,
  latestReadingsForShift$,
  readingsForShift,
  rosterForPlant,
} from './queries.ts';
import { openTestDatabase } from './testing/test-database.ts';

let db: TierboardDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const reading = (id: string, over: Partial<KpiReading> = {}): KpiReading => ({
  ...sampleRecord('kpi_readings'),
  id,
  ...over,
});

describe('latestReadingPerKpi', () => {
  it('never takes a superseded reading as the value, along a whole correction chain', () => {
    const first = reading('r1', { value: 10, recordedAt: '2026-03-02T07:00:00.000Z' });
    const fix = reading('r2', { value: 11, supersedes: 'r1', recordedAt: '2026-03-02T07:05:00.000Z' });
    const fixOfFix = reading('r3', { value: 12, supersedes: 'r2', recordedAt: '2026-03-02T07:10:00.000Z' });
    // Order of arrival must not matter.
    expect(latestReadingPerKpi([fixOfFix, first, fix]).get('kpi-1')?.value).toBe(12);
  });

  it('keeps the correction even when the corrected reading carries a later device time', () => {
    // Tablet B's clock runs fast: its original shows a later time than the correction tablet A made.
    const original = reading('r1', { value: 5, recordedAt: '2026-03-02T09:00:00.000Z', deviceId: 'dev-b' });
    const correction = reading('r2', { value: 6, supersedes: 'r1', recordedAt: '2026-03-02T08:00:00.000Z' });
    expect(latestReadingPerKpi([original, correction]).get('kpi-1')?.id).toBe('r2');
  });

  it('orders unrelated readings by device time corrected with the measured offset, per KPI', () => {
    // Device time later, but its clock was 20 minutes fast: really earlier.
    const fastClock = reading('r1', { value: 1, recordedAt: '2026-03-02T07:15:00.000Z', clockOffsetMs: -20 * 60_000 });
    const honest = reading('r2', { value: 2, recordedAt: '2026-03-02T07:00:00.000Z', clockOffsetMs: 0 });
    const otherKpi = reading('r3', { kpiId: 'kpi-2', value: 3 });
    const latest = latestReadingPerKpi([fastClock, honest, otherKpi]);
    expect(latest.get('kpi-1')?.id).toBe('r2');
    expect(latest.get('kpi-2')?.id).toBe('r3');
    expect(latest.size).toBe(2);
  });

  it('picks one of two competing corrections of the same reading deterministically', () => {
    const at = '2026-03-02T07:05:00.000Z';
    const a = reading('01J0AAAA', { value: 7, supersedes: 'r1', recordedAt: at });
    const b = reading('01J0BBBB', { value: 8, supersedes: 'r1', recordedAt: at });
    expect(latestReadingPerKpi([a, b]).get('kpi-1')?.id).toBe('01J0BBBB');
    expect(latestReadingPerKpi([b, a]).get('kpi-1')?.id).toBe('01J0BBBB');
  });
});

describe('queries on the local database', () => {
  it('finds the readings of one shift instance only, oldest first, and its value per KPI', async () => {
    db = await openTestDatabase();
    await db.kpi_readings.bulkInsert([
      reading('r2', { recordedAt: '2026-03-02T07:30:00.000Z', value: 2, supersedes: 'r1' }),
      reading('r1', { recordedAt: '2026-03-02T07:00:00.000Z', value: 1 }),
      reading('r-night', { shiftCode: 'N' }),
      reading('r-yesterday', { productionDate: '2026-03-01' }),
      reading('r-line2', { lineId: 'line-2' }),
    ]);
    const shift = await readingsForShift(db, 'plant-1', 'line-1', '2026-03-02', 'D').exec();
    expect(shift.map((d) => d.id)).toEqual(['r1', 'r2']);
    const latest = await firstValueFrom(latestReadingsForShift$(db, 'plant-1', 'line-1', '2026-03-02', 'D'));
    expect([...latest.values()].map((r) => r.value)).toEqual([2]);
  });

  it('lists the active roster by name and finds people by badge within their plant', async () => {
    db = await openTestDatabase();
    const person = (n: number, over: object) => ({ ...sampleRecord('people', n), ...over });
    await db.people.bulkInsert([
      person(1, { name: 'Zoe', badge: 'B1' }),
      person(2, { name: 'Ali', badge: 'B2' }),
      person(3, { name: 'Gone', badge: 'B3', active: false }),
      person(4, { name: 'Elsewhere', badge: 'B1', plantId: 'plant-2' }),
    ]);
    expect((await rosterForPlant(db, 'plant-1').exec()).map((d) => d.name)).toEqual(['Ali', 'Zoe']);
    expect((await findPersonByBadge(db, 'plant-1', 'B1'))?.id).toBe('person-1');
    expect((await findPersonByBadge(db, 'plant-2', 'B1'))?.id).toBe('person-4');
    expect(await findPersonByBadge(db, 'plant-1', 'B3')).toBeNull();
    expect(await findPersonByBadge(db, 'plant-1', 'B9')).toBeNull();
  });

  it('gives a line its own, its area and enterprise-wide KPI definitions in SQDCP order', async () => {
    db = await openTestDatabase();
    await db.lines.insert({ ...sampleRecord('lines', 1), area: 'Assembly' });
    const def = (n: number, over: Partial<KpiDefinition>): KpiDefinition => ({ ...sampleRecord('kpi_definitions', n), ...over });
    await db.kpi_definitions.bulkInsert([
      def(1, { code: 'OEE', category: 'delivery', level: 'line', lineId: 'line-1' }),
      def(2, { code: 'LTI', category: 'safety', level: 'line', lineId: '', plantId: '' }),
      def(3, { code: 'FPY', category: 'quality', level: 'area', lineId: '', area: 'Assembly' }),
      def(4, { code: 'OTHER', level: 'line', lineId: 'line-2' }),
      def(5, { code: 'PAINT', level: 'area', lineId: '', area: 'Paint' }),
      def(6, { code: 'PLANT', level: 'plant', lineId: '' }),
      def(7, { code: 'OLD', level: 'line', lineId: 'line-1', active: false }),
      def(8, { code: 'FOREIGN', level: 'line', lineId: 'line-1', plantId: 'plant-2' }),
    ]);
    const defs = await firstValueFrom(kpiDefinitionsForLine(db, 'plant-1', 'line-1'));
    expect(defs.map((d) => d.code)).toEqual(['LTI', 'FPY', 'OEE']);
    expect(await firstValueFrom(kpiDefinitionsForLine(db, 'plant-1', 'no-such-line'))).toEqual([]);
    expect(appliesToLine(def(9, { level: 'plant' }), { id: 'line-1', area: 'Assembly' })).toBe(false);
  });
});
