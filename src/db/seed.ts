/**
 * Fills an empty database with a dataset (the demo plant, test fixtures).
 * Only a database with no records at all is seeded: once a device holds real
 * data, even one collection of it, demo records must never mix in.
 */
import type { CollectionName, CollectionRecords } from '../domain/records/collections.ts';
import { LOCAL_COLLECTIONS, isLocalCollection, type TierboardDatabase } from './database.ts';

export type Dataset = Partial<{ [K in CollectionName]: CollectionRecords[K][] }>;

export interface SeedResult {
  seeded: boolean;
  /** Records inserted per collection. */
  inserted: Partial<Record<CollectionName, number>>;
  /** Collections in the dataset that this device does not keep (see SERVER_ONLY_COLLECTIONS). */
  skipped: CollectionName[];
}

export async function isDatabaseEmpty(db: TierboardDatabase): Promise<boolean> {
  for (const name of LOCAL_COLLECTIONS) {
    const count = await db[name].count().exec();
    if (count > 0) return false;
  }
  return true;
}

export async function seedIfEmpty(db: TierboardDatabase, dataset: Dataset): Promise<SeedResult> {
  const names = Object.keys(dataset) as CollectionName[];
  const skipped = names.filter((n) => !isLocalCollection(n));
  if (!(await isDatabaseEmpty(db))) return { seeded: false, inserted: {}, skipped };

  const inserted: Partial<Record<CollectionName, number>> = {};
  for (const name of names) {
    const records = dataset[name];
    if (!isLocalCollection(name) || !records || records.length === 0) continue;
    // bulkInsert does not throw on a bad record; it reports it. A demo that
    // silently lacks records would mislead, so fail loudly.
    const collection = db[name] as unknown as { bulkInsert(docs: unknown[]): Promise<{ error: unknown[] }> };
    const result = await collection.bulkInsert(records);
    if (result.error.length > 0) {
      throw new Error(`seeding ${name} failed for ${result.error.length} record(s): ${JSON.stringify(result.error[0]).slice(0, 500)}`);
    }
    inserted[name] = records.length;
  }
  return { seeded: true, inserted, skipped };
}
