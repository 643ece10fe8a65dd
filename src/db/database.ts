/**
 * The device's own database: RxDB on Dexie (IndexedDB), one collection per
 * entry of LOCAL_COLLECTIONS, every schema from src/domain/records/schemas.ts.
 *
 * Production stays lean: the dev-mode plugin and its ajv validator are loaded
 * with dynamic imports behind `import.meta.env.DEV`, which Vite replaces with
 * `false` in a production build, so neither ends up in the bundle.
 */
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTION_NAMES, type CollectionName, type CollectionRecords } from '../domain/records/collections.ts';
import { SCHEMAS, type CollectionSchema } from '../domain/records/schemas.ts';
import { MIGRATIONS, type MigrationPlan } from './migrations.ts';

/**
 * Open-source RxDB 17 refuses to keep more than 13 collections open at once
 * in one JavaScript realm (NON_PREMIUM_COLLECTION_LIMIT in rxdb/plugins/utils;
 * the 14th waits 1.8 s, the 15th throws COL23). Tierboard registers 15, so
 * the two whose every write is an online admin act stay on the server:
 * enterprises (one name, set by the enterprise admin) and devices (enrolled
 * and revoked by the server, which issues their credentials). A device keeps
 * its own enrollment in its session, not in this database.
 */
export const RXDB_OPEN_COLLECTION_LIMIT = 13;
export const SERVER_ONLY_COLLECTIONS = ['enterprises', 'devices'] as const satisfies readonly CollectionName[];
export type LocalCollectionName = Exclude<CollectionName, (typeof SERVER_ONLY_COLLECTIONS)[number]>;
export const LOCAL_COLLECTIONS: readonly LocalCollectionName[] = COLLECTION_NAMES.filter(
  (n): n is LocalCollectionName => !(SERVER_ONLY_COLLECTIONS as readonly string[]).includes(n),
);

export function isLocalCollection(name: string): name is LocalCollectionName {
  return (LOCAL_COLLECTIONS as readonly string[]).includes(name);
}

/**
 * What the operator's reading screen reads and writes. Opening a collection costs an IndexedDB
 * database of its own plus RxDB's metadata round trips (about 15 ms each on a tablet, measured with
 * the cold-start benchmark), so a start opens these first and the rest once the screen is up.
 */
export const FLOOR_COLLECTIONS = [
  'plants',
  'lines',
  'shift_patterns',
  'people',
  'kpi_definitions',
  'kpi_readings',
] as const satisfies readonly LocalCollectionName[];
export type FloorCollectionName = (typeof FLOOR_COLLECTIONS)[number];

export type TierboardCollections = { [K in LocalCollectionName]: RxCollection<CollectionRecords[K]> };
export type FloorCollections = Pick<TierboardCollections, FloorCollectionName>;

interface OpensInStages {
  /**
   * Opens the collections not yet open (once, however often it is called) and resolves with the
   * database typed with all of them. Setup, About and sync call this; the reading screen does not.
   */
  allCollections(): Promise<TierboardDatabase>;
}

/** Every local collection open. */
export type TierboardDatabase = RxDatabase<TierboardCollections> & OpensInStages;
/**
 * At least the reading screen's collections open; `allCollections()` for the rest. Only the
 * collections, not RxDatabase<FloorCollections>: RxDatabase's generic is invariant, and this way a
 * TierboardDatabase is a FloorDatabase too.
 */
export type FloorDatabase = FloorCollections & OpensInStages;

export interface OpenDatabaseOptions {
  /** IndexedDB database name; tests use a fresh one each. */
  name?: string;
  /** Defaults to Dexie on the browser's IndexedDB. */
  storage?: RxStorage<unknown, unknown>;
  /**
   * RxDB's dev-mode checks (schema rules, document validation with ajv).
   * Never in production builds. Default: on in development and tests without a DOM; off where a DOM exists,
   * because dev-mode then injects an iframe that loads rxdb.info: an offline
   * shop-floor app must not call out, and DOM tests must not hit the network.
   */
  devMode?: boolean;
  /** Share change events with other tabs (BroadcastChannel). Default true. */
  multiInstance?: boolean;
  /** Schema and migration overrides, for migration tests. Default: SCHEMAS and MIGRATIONS. */
  schemas?: Readonly<Record<CollectionName, CollectionSchema>>;
  migrations?: MigrationPlan;
}

export const DEFAULT_DATABASE_NAME = 'tierboard';

/**
 * Dev-mode is global once added: every database opened after it, dev-mode or
 * not, must sit on a validating storage (RxDB error DVM1), so we remember it.
 */
let devModeLoaded = false;

async function withDevMode(storage: RxStorage<unknown, unknown>): Promise<RxStorage<unknown, unknown>> {
  const [{ RxDBDevModePlugin, disableWarnings }, { wrappedValidateAjvStorage }] = await Promise.all([
    import('rxdb/plugins/dev-mode'),
    import('rxdb/plugins/validate-ajv'),
  ]);
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  devModeLoaded = true;
  return wrappedValidateAjvStorage({ storage }) as RxStorage<unknown, unknown>;
}

type Creators = { [K in LocalCollectionName]: RxCollectionCreator<CollectionRecords[K]> };

async function createDatabase(opts: OpenDatabaseOptions): Promise<{ db: RxDatabase<TierboardCollections>; creators: Creators }> {
  if (LOCAL_COLLECTIONS.length > RXDB_OPEN_COLLECTION_LIMIT) {
    throw new Error(`Tierboard keeps ${LOCAL_COLLECTIONS.length} local collections; RxDB allows ${RXDB_OPEN_COLLECTION_LIMIT}.`);
  }
  addRxPlugin(RxDBMigrationSchemaPlugin);
  let storage: RxStorage<unknown, unknown> = opts.storage ?? (getRxStorageDexie() as RxStorage<unknown, unknown>);
  // A literal `import.meta.env.DEV` test, so production builds drop the branch and its imports.
  if (import.meta.env.DEV) {
    const wanted = opts.devMode ?? typeof document === 'undefined';
    if (wanted || devModeLoaded) storage = await withDevMode(storage);
  }

  const db = await createRxDatabase<TierboardCollections>({
    name: opts.name ?? DEFAULT_DATABASE_NAME,
    storage,
    multiInstance: opts.multiInstance ?? true,
    eventReduce: true,
  });
  const schemas = opts.schemas ?? SCHEMAS;
  const migrations = opts.migrations ?? MIGRATIONS;
  const creators = Object.fromEntries(
    LOCAL_COLLECTIONS.map((name) => [
      name,
      {
        // The domain's plain schema is RxDB's JSON schema; the cast is the one
        // place where the framework-free type meets RxDB's own.
        schema: schemas[name] as unknown as RxJsonSchema<CollectionRecords[typeof name]>,
        migrationStrategies: { ...migrations[name] },
      },
    ]),
  ) as unknown as Creators;
  return { db, creators };
}

async function addOrClose(db: RxDatabase<TierboardCollections>, creators: Partial<Creators>): Promise<void> {
  try {
    await db.addCollections(creators);
  } catch (err) {
    await db.close();
    throw err;
  }
}

/**
 * Opens the reading screen's collections only (FLOOR_COLLECTIONS); the rest open on the first
 * `allCollections()` call. The app starts with this; everything else uses `openDatabase`.
 */
export async function openFloorDatabase(opts: OpenDatabaseOptions = {}): Promise<FloorDatabase> {
  const { db, creators } = await createDatabase(opts);
  const floor: Partial<Creators> = {};
  const rest: Partial<Creators> = {};
  for (const name of LOCAL_COLLECTIONS) {
    const target: Record<string, unknown> = (FLOOR_COLLECTIONS as readonly string[]).includes(name) ? floor : rest;
    target[name] = creators[name];
  }
  await addOrClose(db, floor);
  let all: Promise<TierboardDatabase> | null = null;
  const staged = db as unknown as FloorDatabase;
  // Once `rest` is added, the same object carries every collection: the cast states what RxDB did.
  staged.allCollections = () => (all ??= addOrClose(db, rest).then(() => staged as unknown as TierboardDatabase));
  return staged;
}

/** Opens every local collection. */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<TierboardDatabase> {
  const db = await openFloorDatabase(opts);
  return db.allCollections();
}
