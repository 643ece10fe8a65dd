/**
 * TESTS ONLY. A small client database on fake-indexeddb with a few of the
 * app's collections and their real schemas. Small on purpose: open-source
 * RxDB allows 13 open collections per JavaScript realm, and sync tests
 * open two or three devices at once. The replication code walks whatever
 * collections the database holds, so this exercises the same paths.
 */
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CollectionName } from '../../domain/collections.ts';
import { SCHEMAS } from '../../domain/schemas.ts';
import type { KpiReading, Objective } from '../../domain/types.ts';

export const TEST_COLLECTIONS = ['kpi_readings', 'objectives'] as const satisfies readonly CollectionName[];

export type TestDatabase = RxDatabase<{ kpi_readings: RxCollection<KpiReading>; objectives: RxCollection<Objective> }>;

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });

export async function openTestDatabase(name: string, multiInstance = false): Promise<TestDatabase> {
  const db = await createRxDatabase<TestDatabase['collections']>({ name, storage, multiInstance, closeDuplicates: true });
  await db.addCollections({
    kpi_readings: { schema: SCHEMAS.kpi_readings as unknown as RxJsonSchema<KpiReading> },
    objectives: { schema: SCHEMAS.objectives as unknown as RxJsonSchema<Objective> },
  });
  return db;
}

let counter = 0;
/** A fresh database name per test, so runs never see each other's data. */
export function uniqueName(prefix: string): string {
  counter++;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function reading(id: string, plantId: string, value: number, over: Partial<KpiReading> = {}): KpiReading {
  return {
    id,
    kpiId: 'kpi-oee',
    plantId,
    lineId: 'line-1',
    shiftCode: 'A',
    productionDate: '2026-03-02',
    value,
    personId: 'person-1',
    deviceId: 'device-1',
    recordedAt: '2026-03-02T06:30:00.000Z',
    clockOffsetMs: 0,
    note: '',
    supersedes: '',
    correctionReason: '',
    receivedAt: '',
    ...over,
  };
}

export function objective(id: string, plantId: string, title: string, hlc = '000000000000001-0000-dev'): Objective {
  return {
    id,
    level: 'plant',
    plantId,
    lineId: '',
    parentId: '',
    title,
    cycle: '2026-Q1',
    ownerId: 'person-1',
    status: 'active',
    hlc,
    fieldClocks: {},
    conflicts: [],
  };
}
