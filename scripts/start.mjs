// `npm start`: build the PWA if needed, then run the sync server on its embedded defaults
// (SQLite under ./data, demo data) and print where to open it.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

console.log('Building the app...');
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/**
 * [E9] The demo enterprise (an admin with PIN 1234 among its people) goes only into a SQLite
 * database this script creates for it. A marker file beside it remembers that, so a restarted
 * demo gets fresh codes; a database it did not create (PostgreSQL, or a SQLite file that was
 * there before) gets no demo unless TIERBOARD_DEMO=1 is set by hand. TIERBOARD_DEMO=0 is never
 * overridden.
 */
const env = { ...process.env };
if (env.TIERBOARD_DEMO === undefined && !env.DATABASE_URL) {
  const sqlitePath = env.SQLITE_PATH || 'data/tierboard.sqlite';
  const marker = `${sqlitePath}.demo`;
  if (!existsSync(sqlitePath)) {
    mkdirSync(dirname(sqlitePath), { recursive: true });
    writeFileSync(marker, 'This database was created by `npm start` for the demo enterprise.\n');
    console.log(`npm start: creating ${sqlitePath} for the demo (TIERBOARD_DEMO=1).`);
  }
  if (existsSync(marker)) env.TIERBOARD_DEMO = '1';
}

const server = spawn('npx', ['tsx', 'sync-server/main.ts'], { stdio: 'inherit', env });
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => server.kill(s));
server.on('exit', (code) => process.exit(code ?? 0));
