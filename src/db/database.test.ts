import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../domain/records/collections.ts';
import { NOTE_MAX } from '../domain/records/schemas.ts';
import { sampleRecord } from '../domain/records/testing/sample-records.ts';
import {
  LOCAL_COLLECTIONS,
  RXDB_OPEN_COLLECTION_LIMIT,
  SERVER_ONLY_COLLECTIONS,
  openDatabase,
  type TierboardDatabase,
} from './database.ts';
import { classifyStorageError } from './storage-errors.ts';
import { openTestDatabase } from './testing/test-database.ts';

let db: TierboardDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('openDatabase', () => {
  it('keeps every registered collection except the server-only ones, within RxDB open-source limit', async () => {
    db = await openTestDatabase();
    expect(Object.keys(db.collections).sort()).toEqual([...LOCAL_COLLECTIONS].sort());
    expect([...LOCAL_COLLECTIONS, ...SERVER_ONLY_COLLECTIONS].sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(LOCAL_COLLECTIONS.length).toBeLessThanOrEqual(RXDB_OPEN_COLLECTION_LIMIT);
  });

  it.each(LOCAL_COLLECTIONS)('stores and reads back a %s record unchanged', async (name) => {
    db = await openTestDatabase();
    const records = [sampleRecord(name, 1), sampleRecord(name, 2)];
    const collection = db[name] as unknown as {
      bulkInsert(docs: unknown[]): Promise<{ error: unknown[] }>;
      find(): { exec(): Promise<{ toJSON(): unknown }[]> };
    };
    const result = await collection.bulkInsert(records);
    expect(result.error).toEqual([]);
    const stored = (await collection.find().exec()).map((d) => d.toJSON());
    expect(stored).toEqual(records);
  });

  it('refuses, in dev-mode, a record the schema refuses (validator is wired in)', async () => {
    db = await openTestDatabase();
    const tooLong = { ...sampleRecord('kpi_readings'), note: 'x'.repeat(NOTE_MAX + 1) };
    await expect(db.kpi_readings.insert(tooLong)).rejects.toThrow(/VD2|validat/i);
    expect(await db.kpi_readings.count().exec()).toBe(0);
  });

  it('fails to open without IndexedDB, and that failure classifies as unavailable', async () => {
    // Node has no indexedDB global: the same as a browser that blocks it.
    const err = await openDatabase({ name: 'no-idb', devMode: false, multiInstance: false }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(classifyStorageError(err)).toBe('unavailable');
  });
});
