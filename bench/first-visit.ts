/**
 * JavaScript over the wire on a new tablet's first visit, against the real server, in Chromium:
 * counted from the browser's own network events (the page's and the service worker's) as
 * transfer sizes (response headers plus the body as sent, compressed where it was), so it shows
 * what the build's precompression and the server's headers really put on the plant's Wi-Fi.
 * A response served by the service worker or from the HTTP cache crosses no wire and counts 0.
 *
 * Three moments of one first visit, each counting the JS the page had asked for by then
 * (whoever fetched it over the network, the page or the worker):
 * - `firstScreenKB`: the new tablet's first screen (setup) is there to be used; the figure
 *   promised at most 130 kB (`firstVisitJsWireKB`);
 * - `readyKB`: after setup and sign-in, the reading screen is interactive;
 * - `totalKB`: everything that crossed the wire until the service worker, having precached every
 *   screen for offline use, controls the page, its own script included.
 */
import type { BrowserContext, Request } from 'playwright-core';
import { launchPersistent, tempDir } from '../test/e2e/harness.ts';
import { completeSetup, signInFirstOperator, waitInteractive } from '../test/e2e/flows.ts';

export interface FirstVisitJs {
  firstScreenKB: number;
  readyKB: number;
  totalKB: number;
  firstScreenFiles: string[];
}

const isJs = (path: string): boolean => path.endsWith('.js');

/** The JS paths the page's resource timing lists as started by `untilMs` (page time). */
function jsStartedBy(untilMs: number): string[] {
  return [
    ...new Set(
      performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime <= untilMs)
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.endsWith('.js')),
    ),
  ];
}

export async function firstVisitJs(url: string): Promise<FirstVisitJs> {
  const profile = tempDir('bench-first-visit');
  let context: BrowserContext | undefined;
  try {
    context = await launchPersistent(profile.path);
    /** Bytes over the wire per path, every network transfer of it added (a race of page and worker counts twice). */
    const wire = new Map<string, number>();
    const pending: Promise<void>[] = [];
    const count = (request: Request): void => {
      const path = new URL(request.url()).pathname;
      if (!isJs(path)) return;
      pending.push(
        (async () => {
          const response = await request.response();
          if (!response || response.fromServiceWorker()) return;
          const sizes = await request.sizes();
          // A memory or disk cache hit has no body bytes on the wire (Chromium then reports a
          // body size of minus the headers' size).
          if (sizes.responseBodySize <= 0) return;
          wire.set(path, (wire.get(path) ?? 0) + sizes.responseBodySize + sizes.responseHeadersSize);
        })(),
      );
    };
    context.on('requestfinished', count);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.getByTestId('setup-demo').waitFor();
    const firstScreen = await page.evaluate(jsStartedBy, await page.evaluate(() => performance.now()));
    await completeSetup(page);
    await signInFirstOperator(page);
    const ready = await page.evaluate(jsStartedBy, await waitInteractive(page));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const kb = (files: string[]) => files.reduce((sum, p) => sum + (wire.get(p) ?? 0), 0) / 1024;
    return { firstScreenKB: kb(firstScreen), readyKB: kb(ready), totalKB: kb([...wire.keys()]), firstScreenFiles: firstScreen };
  } finally {
    await context?.close();
    profile.remove();
  }
}
