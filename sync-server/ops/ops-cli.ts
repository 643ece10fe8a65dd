/**
 * `npm run backup -- <file>`, `npm run restore -- <file>`, `npm run mark-restored` ([O5], [O6]):
 * the operations commands, with the server's settings from the environment (SQLITE_PATH,
 * DATABASE_URL) as `npm start` reads them.
 */
import { configFromEnv } from '../config.ts';
import { isPostgresUrl, openStore } from '../store/open-store.ts';
import { backupSqlite, restoreSqlite } from './backup.ts';

const PG_BACKUP = 'pg_dump --format=custom --file=tierboard.dump "$DATABASE_URL"';
const PG_RESTORE = 'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" tierboard.dump && npm run mark-restored';

async function main(command: string | undefined, file: string | undefined): Promise<string> {
  const config = configFromEnv();
  const postgres = isPostgresUrl(config.databaseUrl);
  switch (command) {
    case 'backup': {
      if (postgres) throw new Error(`On PostgreSQL, back up with PostgreSQL's own tool, while the server runs:\n  ${PG_BACKUP}`);
      if (!file) throw new Error('Name the backup file: npm run backup -- /var/backups/tierboard-2026-03-02.sqlite');
      const done = await backupSqlite(config.sqlitePath, file);
      return `Backed up ${config.sqlitePath} to ${file} (${done.pages} pages) while the server kept running.`;
    }
    case 'restore': {
      if (postgres) throw new Error(`On PostgreSQL, restore with PostgreSQL's own tool, with the servers stopped:\n  ${PG_RESTORE}`);
      if (!file) throw new Error('Name the backup to restore: npm run restore -- /var/backups/tierboard-2026-03-02.sqlite (stop the server first)');
      const done = await restoreSqlite(file, config.sqlitePath);
      return `Restored ${file} into ${config.sqlitePath} (${done.pages} pages), database identity ${done.databaseId}. Start the server: devices send again what they wrote since the backup.`;
    }
    case 'mark-restored': {
      const store = await openStore({ url: config.databaseUrl, sqlitePath: config.sqlitePath });
      try {
        const id = await store.renewDatabaseId();
        return `The database has the new identity ${id}: devices will send again what they wrote since the backup.`;
      } finally {
        await store.close();
      }
    }
    default:
      throw new Error('Usage: ops-cli.ts backup <file> | restore <file> | mark-restored');
  }
}

main(process.argv[2], process.argv[3]).then(
  (said) => console.log(said),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
