/**
 * The update prompt: when a new build is deployed, the app offers the update in an in-app prompt, and never
 * reloads under someone who is in the middle of an entry.
 */
import { symlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPersistent, startServer, tempDir, type RunningServer } from './harness.ts';
import { completeSetup, signInFirstOperator } from './flows.ts';

let server: RunningServer;
const deploy = tempDir('e2e-deploy');
const current = join(deploy.path, 'current');
let env: Record<string, string>;

/** A port free now, so the restarted server keeps the page's origin (and its service worker's scope). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/**
 * Points the server's document root at another build, like a deployment swapping a symlink, and
 * restarts the server as a deployment does: it serves the files its build had when it started
 * (static-app.ts), so the new build's files (the new service worker's workbox-*.js among them)
 * exist for it only after the restart.
 */
async function deployBuild(dir: string): Promise<void> {
  rmSync(current, { force: true });
  symlinkSync(resolve(dir), current);
  await server?.stop();
  server = await startServer(env);
}

beforeAll(async () => {
  env = { PORT: String(await freePort()), DIST_DIR: current, SQLITE_PATH: join(deploy.path, 'db.sqlite') };
  await deployBuild('dist');
});
afterAll(async () => {
  await server?.stop();
  deploy.remove();
});

describe('update prompt', () => {
  it('appears when a new build is deployed and waits for the person to accept it', async () => {
    const profile = tempDir('e2e-update');
    const context = await launchPersistent(profile.path);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url);
      await completeSetup(page);
      await signInFirstOperator(page);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      const oldScript = await page.evaluate(() => document.querySelector('script[type="module"]')?.getAttribute('src'));

      await deployBuild('test-results/dist-next');
      // Someone is mid-entry: the number pad is open with digits typed.
      await page.locator('[data-testid^="kpi-"][data-input="true"]').first().click();
      await page.getByTestId('pad-4').click();
      await page.evaluate(() => {
        (window as unknown as { __stillHere: boolean }).__stillHere = true;
        return navigator.serviceWorker.getRegistration().then((r) => r?.update());
      });
      await page.getByTestId('update-banner').waitFor({ timeout: 30_000 });

      // The new version waits: same page, the typed digit still there.
      expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(true);
      expect(await page.getByRole('dialog').isVisible()).toBe(true);

      // Accepting the update loads the new build.
      await page.getByRole('button', { name: /cancel|close/i }).first().click();
      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByTestId('update-reload').click()]);
      const newScript = await page.evaluate(() => document.querySelector('script[type="module"]')?.getAttribute('src'));
      expect(newScript).toBeTruthy();
      expect(newScript).not.toBe(oldScript);
    } finally {
      await context.close();
      profile.remove();
    }
  });
});
