/**
 * Pick the engine: PostgreSQL when a postgres:// URL is given (DATABASE_URL),
 * otherwise the embedded SQLite file. The store comes back migrated, ready.
 */
import { openPostgresStore } from './postgres-store.ts';
import { DEFAULT_SQLITE_PATH, openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** A postgres:// or postgresql:// connection string; anything else is ignored. */
  url?: string;
  /** SQLite file when no PostgreSQL URL is given. Default ./data/tierboard.sqlite. */
  sqlitePath?: string;
  /** PostgreSQL schema (default `public`). */
  schema?: string;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const store = isPostgresUrl(options.url)
    ? await openPostgresStore({ connectionString: options.url, ...(options.schema ? { schema: options.schema } : {}) })
    : await openSqliteStore(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
