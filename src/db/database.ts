/**
 * The device's own database: RxDB on Dexie (IndexedDB), one collection per
 * entry of LOCAL_COLLECTIONS, every schema from src/domain/schemas.
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
import { COLLECTION_NAMES, type CollectionName, type CollectionRecords } from '../domain/collections.ts';
import { SCHEMAS, type CollectionSchema } from '../domain/schemas.ts';
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

export type TierboardCollections = { [K in LocalCollectionName]: RxCollection<CollectionRecords[K]> };
export type TierboardDatabase = RxDatabase<TierboardCollections>;

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

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<TierboardDatabase> {
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
  ) as unknown as { [K in LocalCollectionName]: RxCollectionCreator<CollectionRecords[K]> };
  try {
    await db.addCollections(creators);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
