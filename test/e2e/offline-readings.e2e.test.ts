/**
 * Offline readings end to end: the built app served by the real server, in Debian's Chromium.
 * First visit online; then offline: reload still works, readings recorded offline survive a
 * reload and a browser restart; a disk that runs full blocks with a clear message and keeps the
 * entry and everything saved.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { fillStorage, launchPersistent, smallDisk, startServer, tempDir, type RunningServer } from './harness.ts';
import { completeSetup, recordReading, signInFirstOperator } from './flows.ts';

let server: RunningServer;
const dataDir = tempDir('e2e-offline-db');

beforeAll(async () => {
  server = await startServer({ DIST_DIR: 'dist', SQLITE_PATH: join(dataDir.path, 'db.sqlite') });
});
afterAll(async () => {
  await server?.stop();
  dataDir.remove();
});

async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? context.newPage();
}

async function readingValues(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="reading-"]').allInnerTexts();
}

describe('offline-first reading entry', () => {
  it('keeps working offline and keeps every reading across reloads and a browser restart', async () => {
    const profile = tempDir('e2e-offline');
    let context = await launchPersistent(profile.path);
    try {
      let page = await firstPage(context);
      await page.goto(server.url);
      await completeSetup(page);
      await signInFirstOperator(page);
      await recordReading(page, { value: '11' });
      // The service worker has precached the app shell and every screen before we cut the network.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

      await context.setOffline(true);
      await page.reload();
      await signInFirstOperator(page);
      for (const value of ['21', '22', '23']) await recordReading(page, { value });
      const before = await readingValues(page);
      for (const value of ['11', '21', '22', '23']) expect(before.join('\n')).toContain(value);

      await page.reload();
      await signInFirstOperator(page);
      expect((await readingValues(page)).length).toBe(before.length);

      // Close the whole browser and start it again, still offline.
      await context.close();
      context = await launchPersistent(profile.path, { offline: true });
      page = await firstPage(context);
      await page.goto(server.url);
      await signInFirstOperator(page);
      const after = await readingValues(page);
      expect(after.length).toBe(before.length);
      for (const value of ['11', '21', '22', '23']) expect(after.join('\n')).toContain(value);
    } finally {
      await context.close();
      profile.remove();
    }
  });

  it('blocks with a clear message when storage is really full, keeps the entry and everything saved', async () => {
    // A browser profile on a small RAM disk: filling it makes IndexedDB fail with a real QuotaExceededError.
    const disk = smallDisk(60);
    const context = await launchPersistent(join(disk.path, 'profile'));
    try {
      const page = await firstPage(context);
      await page.goto(server.url);
      await completeSetup(page);
      await signInFirstOperator(page);
      await recordReading(page, { value: '3' });
      const saved = await readingValues(page);

      const filled = await page.evaluate(fillStorage);
      expect(filled.error).toBe('QuotaExceededError');

      // A KPI with no value yet this shift: a new reading, not a correction.
      await page.locator('[data-testid^="kpi-"][data-input="true"][data-recorded="false"]').first().click();
      await page.getByTestId('pad-4').click();
      await page.getByTestId('pad-save').click();
      const blocker = page.getByTestId('storage-error');
      await blocker.waitFor({ timeout: 15_000 });
      expect(await blocker.getAttribute('data-kind')).toBe('quota');
      expect(await blocker.innerText()).toMatch(/full/i);
      expect(await page.getByTestId('storage-kept').innerText()).toContain('4');

      // Space is freed; "Try again" saves the entry that was kept, and nothing saved before is gone.
      await page.evaluate(() => new Promise((done) => { const r = indexedDB.deleteDatabase('disk-filler'); r.onsuccess = r.onerror = done; }));
      await page.getByTestId('storage-retry').click();
      await blocker.waitFor({ state: 'detached', timeout: 15_000 });
      const after = await readingValues(page);
      expect(after.length).toBe(saved.length + 1);
      expect(after.join('\n')).toContain('3');
    } finally {
      await context.close();
      disk.remove();
    }
  });
});
