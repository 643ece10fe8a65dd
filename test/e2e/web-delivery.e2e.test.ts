/**
 * Web delivery in Chromium against the real server and the built app ([W1], [W7], [W8]):
 * - the app runs under its Content-Security-Policy with no violation on any screen;
 * - the service worker controls the page from the first visit, so a screen never opened before
 *   still loads after the network dropped.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent, startServer, tempDir, type RunningServer } from './harness.ts';
import { completeSetup, recordReading, signInFirstOperator } from './flows.ts';

let server: RunningServer;
const dataDir = tempDir('e2e-web-delivery-db');

beforeAll(async () => {
  server = await startServer({ DIST_DIR: 'dist', SQLITE_PATH: join(dataDir.path, 'db.sqlite') });
});
afterAll(async () => {
  await server?.stop();
  dataDir.remove();
});

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Every report of the page's policies: `securitypolicyviolation` events (recorded from the first
 * script of each document on) and the console's own lines about the CSP or the Permissions-Policy.
 */
async function watchPolicies(context: BrowserContext): Promise<{ page: Page; found(): Promise<string[]> }> {
  await context.addInitScript({
    content: `window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));`,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const console: string[] = [];
  page.on('console', (m) => {
    if (/content security policy|permissions.policy|refused to/i.test(m.text())) console.push(`${m.type()}: ${m.text()}`);
  });
  return {
    page,
    found: async () => [...console, ...((await page.evaluate(() => window.__cspViolations ?? [])) as string[])],
  };
}

describe('web delivery', () => {
  it('[W1] the app runs under its Content-Security-Policy with no violation on any screen', async () => {
    const profile = tempDir('e2e-csp');
    const context = await launchPersistent(profile.path);
    try {
      const { page, found } = await watchPolicies(context);
      const first = await page.goto(server.url);
      expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
      // [W7] The shell as the build compressed it: Chromium asks for brotli here; a browser that asks
      // for gzip only (Chromium over plain http to a host other than this one) gets the .gz.
      expect(first?.headers()['content-encoding']).toBe('br');
      await completeSetup(page);
      await signInFirstOperator(page);
      await recordReading(page, { value: '42' });
      for (const view of ['escalations', 'handover', 'readings'] as const) {
        await page.getByTestId(`nav-${view}`).click();
        await page.waitForLoadState('networkidle');
      }
      expect(await found()).toEqual([]);
      await page.getByTestId('nav-board').click();
      await page.getByTestId('plant-board').waitFor({ timeout: 30_000 });
      expect(await found()).toEqual([]);
      // Served by the service worker this time: the stored answer keeps its policy.
      const again = await page.goto(server.url);
      expect(again?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await signInFirstOperator(page);
      expect(await found()).toEqual([]);
    } finally {
      await context.close();
      profile.remove();
    }
  });

  it('[W8] the service worker controls the first visit: a screen never opened before loads after the network dropped', async () => {
    const profile = tempDir('e2e-first-visit');
    const context = await launchPersistent(profile.path);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url);
      await completeSetup(page);
      await signInFirstOperator(page);
      // No reload: the worker installed on this visit took the page over itself (clientsClaim),
      // after it had precached every screen.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
      expect(loaded.some((p) => p.includes('/board-route-'))).toBe(false);

      await context.setOffline(true);
      const boardChunk = page.waitForResponse((r) => /\/board-route-[^/]+\.js$/.test(r.url()));
      await page.getByTestId('nav-board').click();
      await page.getByTestId('plant-board').waitFor({ timeout: 30_000 });
      // From the worker's precache, not from a network that is gone.
      expect((await boardChunk).fromServiceWorker()).toBe(true);

      // A new tab, offline, on the app: served whole by the worker.
      const other = await context.newPage();
      await other.goto(server.url);
      await other.locator('[data-testid^="person-"]').first().waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
      profile.remove();
    }
  });
});
