/**
 * `npx tsx scripts/screenshot.ts`: the README's screenshot of the operator's reading screen,
 * taken from the built app on a 10-inch tablet viewport with the demo data.
 */
import { join } from 'node:path';
import { launchPersistent, startServer, tempDir } from '../test/e2e/harness.ts';
import { completeSetup, recordReading, signInFirstOperator } from '../test/e2e/flows.ts';

const db = tempDir('shot-db');
const profile = tempDir('shot-profile');
const server = await startServer({ DIST_DIR: 'dist', SQLITE_PATH: join(db.path, 'db.sqlite') });
const context = await launchPersistent(profile.path, { viewport: { width: 1280, height: 800 } });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await completeSetup(page);
  await signInFirstOperator(page);
  for (const value of ['2', '1']) await recordReading(page, { value });
  await page.screenshot({ path: 'docs/reading-screen.png' });
  console.log('docs/reading-screen.png');
} finally {
  await context.close();
  await server.stop();
  db.remove();
  profile.remove();
}
