/**
 * Issue 16 end to end: a shift lead's handover draft survives going to another tab and being
 * signed out for idleness, in Debian's Chromium against the built app; the next lead signed in at
 * the same tablet does not see it. The idle time (the demo plant's 5 minutes) passes on the
 * browser's fake clock (playwright's page.clock), not in real time.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeople } from '../../src/demo/demo-people.ts';
import { launchBrowser, startServer, tempDir, type RunningServer } from './harness.ts';
import { completeSetup, signInFirstOperator, signOut } from './flows.ts';

let server: RunningServer;
let browser: Browser;
const dataDir = tempDir('e2e-drafts-db');

beforeAll(async () => {
  server = await startServer({ DIST_DIR: 'dist', SQLITE_PATH: join(dataDir.path, 'db.sqlite') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dataDir.remove();
});

async function openHandover(page: Page): Promise<void> {
  await page.getByTestId('nav-handover').click();
  await page.getByTestId('handover-compose').waitFor({ timeout: 15_000 });
}

describe('a handover draft', () => {
  it('survives a tab change and an idle sign-out, for the lead who wrote it only', async () => {
    const plant = demoPeople().find((p) => p.role === 'shift_lead' && p.active)?.plantId ?? '';
    const [leadA, leadB] = demoPeople()
      .filter((p) => p.plantId === plant && p.role === 'shift_lead' && p.active)
      .map((p) => p.id);
    if (!leadA || !leadB) throw new Error('the demo roster lacks two shift leads at one plant');

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    try {
      const page = await context.newPage();
      // Time runs as usual until the test jumps it forward.
      await page.clock.install();
      await page.goto(server.url);
      await completeSetup(page, { plantId: plant });
      await signInFirstOperator(page, leadA);

      await openHandover(page);
      await page.getByTestId('handover-notes').fill('Changeover to 4711 done, die 12 in the rack.');
      await page.getByTestId('safety-new').fill('Oil at station 3, cleaned');
      await page.getByTestId('safety-add').click();
      await page.getByTestId('item-new').fill('Order gloves size 10');

      // Another tab and back.
      await page.getByTestId('nav-escalations').click();
      await page.getByTestId('screen-escalations').waitFor();
      await openHandover(page);
      expect(await page.getByTestId('handover-notes').inputValue()).toBe('Changeover to 4711 done, die 12 in the rack.');
      expect(await page.getByTestId('safety-list').innerText()).toContain('Oil at station 3, cleaned');
      expect(await page.getByTestId('item-new').inputValue()).toBe('Order gloves size 10');

      // The lead walks away: signed out after the plant's idle time.
      await page.clock.fastForward('06:00');
      await page.getByTestId('handover-not-allowed').waitFor({ timeout: 15_000 });

      // The next lead at the tablet starts from an empty handover.
      await page.getByTestId('nav-readings').click();
      await signInFirstOperator(page, leadB);
      await openHandover(page);
      expect(await page.getByTestId('handover-notes').inputValue()).toBe('');
      expect(await page.getByTestId('safety-list').count()).toBe(0);
      expect(await page.getByTestId('item-new').inputValue()).toBe('');

      // The first lead comes back: everything typed is there.
      await page.getByTestId('nav-readings').click();
      await signOut(page);
      await signInFirstOperator(page, leadA);
      await openHandover(page);
      expect(await page.getByTestId('handover-notes').inputValue()).toBe('Changeover to 4711 done, die 12 in the rack.');
      expect(await page.getByTestId('safety-list').innerText()).toContain('Oil at station 3, cleaned');
      expect(await page.getByTestId('item-new').inputValue()).toBe('Order gloves size 10');
    } finally {
      await context.close();
    }
  });
});
