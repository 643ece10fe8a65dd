/** `tsx sync-server/main.ts`: start one sync server with settings from the environment. */
import { existsSync, writeFileSync } from 'node:fs';
import { enrollmentLink } from './auth/enrollment.ts';
import { demoChoice } from './demo-choice.ts';
import { edgeLimitsFromEnv } from './http/edge-limits.ts';
import { configFromEnv } from './config.ts';
import { demoRefusal, seedDemo } from './seed-demo.ts';
import { buildServer } from './server.ts';
import { openPostgresNotifier } from './replication/postgres-notifier.ts';
import { isPostgresUrl, openStore } from './store/open-store.ts';

/** `TIERBOARD_DEMO_TABLETS`: how many tablet codes a demo start prints (default 1; at most 20, a demo line rarely has more tablets and a typo should not fill the console). */
function demoTablets(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`TIERBOARD_DEMO_TABLETS must be a whole number from 1 to 20, not "${raw}"`);
  return n;
}

// [E9] Decided before the store opens: opening it creates a new SQLite file.
const choice = demoChoice(process.env, process.argv.slice(2), existsSync);
const config = { ...configFromEnv(), demo: choice.demo };
const store = await openStore({ url: config.databaseUrl, sqlitePath: config.sqlitePath });
if (choice.markerToWrite) writeFileSync(choice.markerToWrite, 'This database was created by `npm start` for the demo enterprise.\n');
// On PostgreSQL several processes may share the database: live streams fan out through LISTEN/NOTIFY (SPEC P13).
const notifier = isPostgresUrl(config.databaseUrl) ? await openPostgresNotifier({ connectionString: config.databaseUrl, store }) : undefined;
const server = await buildServer(config, { store, edgeLimits: edgeLimitsFromEnv(), ...(notifier ? { notifier } : {}) });
const address = await server.listen({ port: config.port, host: config.host });
const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
const lines = [`Tierboard ${config.role} server: ${shown}`];
// [E9] A line either way: whoever reads the log knows whether demo people are in this database.
const refusal = config.demo ? await demoRefusal(store) : null;
if (!config.demo) {
  lines.push('Demo data: off; this database gets none (TIERBOARD_DEMO=1 or --demo loads the demo enterprise into an empty database).');
} else if (refusal) {
  lines.push(`Demo data: asked for, not loaded. ${refusal}`);
} else {
  const origin = config.publicUrl || shown;
  const { loaded, codes } = await seedDemo(store, Date.now(), origin, { tablets: demoTablets(process.env.TIERBOARD_DEMO_TABLETS) });
  if (loaded) {
    // The seed is not published: without this, the first change to each collection would hand the whole seed to
    // every stream of this process (SPEC P13). The database was empty, so no device can have missed any of it.
    await notifier?.beginAtHead();
    lines.push('Demo data: loaded the demo enterprise (Northwind Components) into the empty database.');
  } else {
    lines.push('Demo data: this database holds the demo enterprise; new demo codes follow.');
  }
  lines.push(
    ...[codes.tablet, ...codes.moreTablets].map(
      (c) => `Enroll a line tablet (plant ${codes.plantId}, line ${codes.lineId}): code ${c.code}  ${enrollmentLink(origin, c.code)}`,
    ),
    `Enroll a wall screen (plant ${codes.plantId}): code ${codes.wallScreen.code}  ${enrollmentLink(origin, codes.wallScreen.code)}`,
    `Codes work once and expire at ${codes.tablet.expiresAt}.`,
  );
}
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server
      .close()
      .then(() => notifier?.close())
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}
