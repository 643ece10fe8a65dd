import { afterEach, describe, expect, it } from 'vitest';
import { sampleRecord } from '../domain/records/testing/sample-records.ts';
import type { TierboardDatabase } from './database.ts';
import { isDatabaseEmpty, seedIfEmpty } from './seed.ts';
import { openTestDatabase } from './testing/test-database.ts';

let db: TierboardDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('seedIfEmpty', () => {
  it('fills an empty database once and leaves it alone afterwards', async () => {
    db = await openTestDatabase();
    const dataset = {
      enterprises: [sampleRecord('enterprises')],
      plants: [sampleRecord('plants', 1)],
      kpi_readings: [sampleRecord('kpi_readings', 1), sampleRecord('kpi_readings', 2)],
      escalations: [],
    };
    expect(await isDatabaseEmpty(db)).toBe(true);
    const first = await seedIfEmpty(db, dataset);
    expect(first).toEqual({ seeded: true, inserted: { plants: 1, kpi_readings: 2 }, skipped: ['enterprises'] });
    expect(await db.kpi_readings.count().exec()).toBe(2);

    const again = await seedIfEmpty(db, { kpi_readings: [sampleRecord('kpi_readings', 3)] });
    expect(again.seeded).toBe(false);
    expect(await db.kpi_readings.count().exec()).toBe(2);
  });

  it('never mixes demo records into a database that holds real data in any collection', async () => {
    db = await openTestDatabase();
    await db.escalations.insert(sampleRecord('escalations', 1));
    const result = await seedIfEmpty(db, { plants: [sampleRecord('plants', 1)] });
    expect(result.seeded).toBe(false);
    expect(await db.plants.count().exec()).toBe(0);
  });

  it('fails loudly when a dataset record breaks its schema', async () => {
    db = await openTestDatabase();
    const broken = { ...sampleRecord('lines', 1), code: 'x'.repeat(500) };
    await expect(seedIfEmpty(db, { lines: [broken] })).rejects.toThrow(/seeding lines failed/);
  });
});
