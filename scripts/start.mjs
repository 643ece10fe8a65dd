// `npm start`: build the PWA if needed, then run the sync server on its embedded defaults
// (SQLite under ./data, demo data) and print where to open it.
import { spawnSync, spawn } from 'node:child_process';

console.log('Building the app...');
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// --npm-start: the demo enterprise goes into a SQLite database this start creates itself, and
// only there (SPEC [E9], sync-server/demo-choice.ts); the server logs which it did.
const server = spawn('npx', ['tsx', 'sync-server/main.ts', '--npm-start'], { stdio: 'inherit', env: process.env });
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => server.kill(s));
server.on('exit', (code) => process.exit(code ?? 0));
