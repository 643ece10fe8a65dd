/**
 * [O5] [O6] Backup and restore of the embedded SQLite store, with SQLite's own online backup API
 * (better-sqlite3's `db.backup()`): it copies the database page by page from a connection of its
 * own while the server keeps reading and writing, and restarts a step when a write changed a
 * page it had copied, so the copy is one consistent state. A file copy of a live database in WAL
 * mode is not: the newest commits sit in the -wal file, and a copy taken mid-checkpoint is torn.
 *
 * PostgreSQL has its own tools (pg_dump / pg_restore, README "Backup and restore"); after a
 * restore there, `npm run mark-restored` gives the database its new identity.
 *
 * A backup copy gets a new database identity ([O6]), and so does a restore: devices that see the
 * identity change send again what they wrote, so what they wrote after the backup comes back.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

export interface BackupResult {
  /** Pages copied (SQLite's page size, 4 kB by default). */
  pages: number;
  /** The identity the copy carries. */
  databaseId: string;
}

/** A new identity, as the migrations make one: 32 hex digits. */
export function newDatabaseId(): string {
  return randomBytes(16).toString('hex');
}

function stampIdentity(path: string, id: string): void {
  const db = new Database(path);
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'server_meta'").get() !== undefined;
    if (!hasMeta) throw new Error(`${path} is not a Tierboard database of this version (no server_meta table); start the server on it once to migrate it.`);
    db.prepare('UPDATE server_meta SET database_id = ? WHERE id = 1').run(id);
  } finally {
    db.close();
  }
}

/** Copies a live SQLite store to `target` (which must not exist yet) with the online backup API. */
export async function backupSqlite(sourcePath: string, target: string): Promise<BackupResult> {
  if (!existsSync(sourcePath)) throw new Error(`There is no database at ${sourcePath} (SQLITE_PATH).`);
  if (existsSync(target)) throw new Error(`${target} exists already; a backup never overwrites a file.`);
  if (resolve(sourcePath) === resolve(target)) throw new Error('The backup must go to another file than the database.');
  mkdirSync(dirname(resolve(target)), { recursive: true });
  // fileMustExist: never create an empty database by mistake; not readonly: a database in WAL mode
  // needs its -shm file, which a read-only connection cannot create when the server is stopped.
  const source = new Database(sourcePath, { fileMustExist: true });
  let pages = 0;
  try {
    const progress = await source.backup(target);
    pages = progress.totalPages;
  } finally {
    source.close();
  }
  const databaseId = newDatabaseId();
  stampIdentity(target, databaseId);
  return { pages, databaseId };
}

/**
 * Puts a backup in place of the store at `databasePath`, with the server stopped: the backup API
 * again (from the backup into the store's file, so the store's -wal and -shm stay consistent),
 * then a new identity, so a backup restored twice is still told apart by the devices.
 */
export async function restoreSqlite(backupPath: string, databasePath: string): Promise<BackupResult> {
  if (!existsSync(backupPath)) throw new Error(`There is no backup at ${backupPath}.`);
  mkdirSync(dirname(resolve(databasePath)), { recursive: true });
  const backup = new Database(backupPath, { fileMustExist: true, readonly: true });
  let pages = 0;
  try {
    pages = (await backup.backup(databasePath)).totalPages;
  } finally {
    backup.close();
  }
  const databaseId = newDatabaseId();
  stampIdentity(databasePath, databaseId);
  return { pages, databaseId };
}
