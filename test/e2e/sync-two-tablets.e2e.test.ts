/**
 * Two tablets syncing end to end: the real sync server (SQLite, demo data) and two tablets at the
 * same line, each a browser of its own, both enrolled through the app's own screens (one types
 * the code, one opens the QR link). Tablet A loses the network and records readings; once it is
 * back, tablet B shows them within 2 seconds, without a reload. A wall screen is enrolled
 * read-only, and its token cannot write.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startDemoServer, storedDeviceToken, tempDir, type DemoCodes, type RunningServer } from './harness.ts';
import { enrollDevice, recordReading, signInFirstOperator } from './flows.ts';

declare global {
  interface Window {
    /** Set by the test; still there afterwards means the page was not reloaded. */
    __tbSamePage?: boolean;
  }
}

/** The sync promise: a reading recorded on one tablet shows on the other within 2 s of the network coming back. */
const DELIVERY_BUDGET_MS = 2_000;

let server: RunningServer & { codes: DemoCodes };
let browser: Browser;
const contexts: BrowserContext[] = [];
const dataDir = tempDir('e2e-sync-db');

beforeAll(async () => {
  server = await startDemoServer({ DIST_DIR: 'dist', SQLITE_PATH: join(dataDir.path, 'db.sqlite'), TIERBOARD_DEMO_TABLETS: '2' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dataDir.remove();
});

/** A new device: a browser context of its own, so its own IndexedDB, service worker and network. */
async function newDevice(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  contexts.push(context);
  return { context, page: await context.newPage() };
}

/** The shift's reading list: reading id -> what the row says. */
async function shiftReadings(page: Page): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const item of await page.locator('[data-testid^="reading-"]').all()) {
    const id = (await item.getAttribute('data-testid'))?.slice('reading-'.length);
    if (id) found.set(id, await item.innerText());
  }
  return found;
}

describe('two tablets at one line, through the real sync server', () => {
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it('shows what tablet A recorded offline on tablet B within 2 s of A reconnecting, without a reload', async () => {
    const { codes } = server;
    expect(codes.tablets).toHaveLength(2);
    const a = await newDevice();
    const b = await newDevice();
    await enrollDevice(a.page, server.url, codes.tablets[0] ?? '', 'typed');
    await enrollDevice(b.page, server.url, codes.tablets[1] ?? '', 'link');
    // No line chosen by hand: each tablet opens its enrolled line once the plant's data has arrived.
    for (const t of [a, b]) await signInFirstOperator(t.page);
    const before = await shiftReadings(b.page);
    await b.page.evaluate(() => {
      window.__tbSamePage = true;
    });

    await a.context.setOffline(true);
    const values = ['41', '42', '43'];
    for (const value of values) await recordReading(a.page, { value });
    const recorded = [...(await shiftReadings(a.page)).keys()].filter((id) => !before.has(id));
    expect(recorded).toHaveLength(values.length);
    // Still offline: nothing of it has reached B.
    expect([...(await shiftReadings(b.page)).keys()].filter((id) => recorded.includes(id))).toEqual([]);

    await a.context.setOffline(false);
    const backAt = Date.now();
    await b.page.waitForFunction((ids) => ids.every((id) => document.querySelector(`[data-testid="reading-${id}"]`)), recorded, {
      timeout: 15_000,
      polling: 25,
    });
    const deliveredMs = Date.now() - backAt;
    console.log(`tablet B showed tablet A's ${values.length} offline readings ${deliveredMs} ms after A reconnected`);
    expect(deliveredMs).toBeLessThan(DELIVERY_BUDGET_MS);

    expect(await b.page.evaluate(() => window.__tbSamePage)).toBe(true);
    const onB = await shiftReadings(b.page);
    const texts = recorded.map((id) => onB.get(id) ?? '').join('\n');
    for (const value of values) expect(texts).toContain(value);
  });

  it('a wall screen enrolled read-only pulls the plant but its token cannot write (403 read_only_device)', async () => {
    const { codes } = server;
    const wall = await newDevice();
    await enrollDevice(wall.page, server.url, codes.wallScreen, 'typed');
    // Enrolled as a wall screen: the plant comes from the enrollment, the plant board opens, its data
    // arrives by sync, and nothing on it offers reading entry.
    await wall.page.getByTestId('plant-board').waitFor({ timeout: 30_000 });
    await wall.page.waitForFunction(() => document.querySelectorAll('[data-testid^="cal-day-"]').length > 0, null, { timeout: 30_000 });
    expect(await wall.page.locator('[data-testid^="kpi-"][data-input="true"]').count()).toBe(0);

    const token = await wall.page.evaluate(storedDeviceToken);
    expect(token).toMatch(/^[^.]+\..+$/);
    const auth = { authorization: `Bearer ${token ?? ''}` };

    const pulled = await fetch(`${server.url}/api/replication/kpi_readings/pull?checkpoint=&limit=1`, { headers: auth });
    expect(pulled.status).toBe(200);
    const doc = ((await pulled.json()) as { documents: Record<string, unknown>[] }).documents[0];
    expect(doc?.plantId).toBe(codes.plantId);

    const pushed = await fetch(`${server.url}/api/replication/kpi_readings/push`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ newDocumentState: { ...doc, id: `${String(doc?.id)}-from-wall` }, assumedMasterState: null }] }),
    });
    expect(pushed.status).toBe(403);
    expect(((await pushed.json()) as { error: string }).error).toBe('read_only_device');
  });
});
