/**
 * TESTS ONLY. A small client database on fake-indexeddb with a few of the
 * app's collections and their real schemas. Small on purpose: open-source
 * RxDB allows 13 open collections per JavaScript realm, and sync tests
 * open two or three devices at once. The replication code walks whatever
 * collections the database holds, so this exercises the same paths.
 */
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { MIGRATIONS } from '../../db/migrations.ts';
import type { CollectionName } from '../../domain/records/collections.ts';
import { SCHEMAS } from '../../domain/records/schemas.ts';
import type { ImprovementAction, Objective } from '../../domain/okr/okr-types.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';

export const TEST_COLLECTIONS = ['kpi_readings', 'objectives'] as const satisfies readonly CollectionName[];

export type TestDatabase = RxDatabase<{ kpi_readings: RxCollection<KpiReading>; objectives: RxCollection<Objective> }>;

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });

/**
 * `on`: Dexie on fake-indexeddb by default, as the app's storage; the in-memory convergence tier
 * passes RxDB's memory storage, about ten times faster, as it runs many seeds per test run.
 */
export async function openTestDatabase(name: string, multiInstance = false, on: RxStorage<unknown, unknown> = storage): Promise<TestDatabase> {
  // Objectives' schema is past version 0 (the OKR fields), so RxDB wants the migration plugin and the app's strategies.
  addRxPlugin(RxDBMigrationSchemaPlugin);
  const db = await createRxDatabase<TestDatabase['collections']>({ name, storage: on, multiInstance, closeDuplicates: true });
  await db.addCollections({
    kpi_readings: { schema: SCHEMAS.kpi_readings as unknown as RxJsonSchema<KpiReading> },
    objectives: { schema: SCHEMAS.objectives as unknown as RxJsonSchema<Objective>, migrationStrategies: { ...MIGRATIONS.objectives } },
  });
  return db;
}

/** A wall screen's database: the usual collections plus the one a wall screen pushes (SPEC [P4]). */
export type WallTestDatabase = RxDatabase<TestDatabase['collections'] & { improvement_actions: RxCollection<ImprovementAction> }>;

export async function openWallTestDatabase(name: string): Promise<WallTestDatabase> {
  const db = (await openTestDatabase(name)) as unknown as WallTestDatabase;
  await db.addCollections({
    improvement_actions: { schema: SCHEMAS.improvement_actions as unknown as RxJsonSchema<ImprovementAction>, migrationStrategies: { ...MIGRATIONS.improvement_actions } },
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

/** A new improvement action as a tier meeting notes it, by `notedBy`. */
export function improvementAction(id: string, plantId: string, notedBy: string, hlc = '000000000000001-0000-wall'): ImprovementAction {
  return {
    id,
    plantId,
    title: 'Check die wear',
    status: 'todo',
    ownerId: 'person-2',
    due: '2026-03-09',
    keyResultId: '',
    escalationId: '',
    notedBy,
    hlc,
    fieldClocks: {},
    conflicts: [],
  };
}
