/**
 * `npm run bench`: the reading app's promised figures, each beside its baseline in the same run.
 *
 * - initial JS (gzipped) the operator's reading screen loads, measured from what the browser actually fetched,
 *   and the total JS of the build;
 * - tap-to-durable: from the click on Save to the reading committed in IndexedDB (the app's
 *   `tb-reading-durable` mark), against a raw Dexie `put` of the same record triggered by the same
 *   real click on a plain button (and, for reference, the put timed alone inside the page);
 * - offline cold start: a browser restarted offline, navigation to an interactive reading screen
 *   (`tb-interactive` mark), against a minimal Preact page behind the same service-worker setup;
 * - newTabletReadySeconds (limit 30): a new tablet in a plant with two years of demo history, from
 *   enrollment to the reading screen ready (new-tablet.ts).
 * - JS over the wire on a new tablet's first visit (bench/first-visit.ts), the service worker's
 *   precache of every screen included.
 *
 * Figures with a promised limit are checked against it (LIMITS): the JSON says which are over
 * (`overLimits`), and the bench then exits non-zero.
 *
 * Prints progress, then one JSON object as its last line.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent, startServer, tempDir } from '../test/e2e/harness.ts';
import { completeSetup, recordReading, signInFirstOperator, waitInteractive } from '../test/e2e/flows.ts';
import { newTabletReady } from './new-tablet.ts';
import { firstVisitJs } from './first-visit.ts';
import { median, percentile, round } from './stats.ts';

const SAVES = Number(process.env.BENCH_SAVES ?? 40);
/** Saves tapped and not counted first: the first ones measure the page's code warming up, not the save. */
const WARMUP = 5;
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 7);

/** Promised figures, each at most this (README, issue 15). */
const LIMITS = {
  /** kB of JS (gzipped) the reading screen of a tablet already set up loads before it is interactive. */
  initialJsGzipKB: 120,
  /** kB of JS over the wire on a new tablet's first visit, headers included, precache included. */
  firstVisitJsWireKB: 130,
  /** A tap until durable, against a plain IndexedDB put behind a plain button. */
  tapToDurableRatio: 3,
  /** An offline cold start of the reading screen, against a minimal Preact page. */
  coldStartRatio: 2,
  /** Seconds from enrollment to the reading screen ready, a plant with two years of history. */
  newTabletReadySeconds: 30,
} as const;

function build(args: string[]): void {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', ...args], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build ${args.join(' ')} failed`);
}

const gzipKB = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

function allJs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/**
 * The JS files the page started fetching by `untilMs` (page time): what the reading screen needed
 * before it could be used. Later fetches (the storage-error screen and the floor screens, preloaded
 * once the reading screen is up) are left out, however fast they land: counting whatever happened
 * to be loaded when the bench looked made the figure swing by 30 kB between runs of one build.
 */
async function jsFetchedByPage(page: Page, untilMs: number): Promise<string[]> {
  const names = await page.evaluate(
    (until) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime <= until)
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.endsWith('.js')),
    untilMs,
  );
  // The service worker script is fetched by the browser, not by the page; exclude it explicitly anyway.
  return [...new Set(names)].filter((p) => !/\/(sw|workbox-[^/]+)\.js$/.test(p));
}

async function tapToDurable(page: Page, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const ms = await recordReading(page, { value: String(40 + (i % 50)), measure: true });
    if (ms === null) throw new Error('the app did not mark tb-reading-durable after Save');
    times.push(ms);
  }
  return times;
}

/** A real click on the baseline's Save button; ms from the click to its put being durable. */
async function tapRawPut(page: Page, record: { id: string }): Promise<number> {
  const before = await page.evaluate((r) => {
    window.nextRecord = r;
    window.__tbLastTap = 0;
    document.addEventListener('click', () => (window.__tbLastTap = performance.now()), { capture: true, once: true });
    return performance.getEntriesByName('tb-reading-durable').length;
  }, record);
  await page.getByTestId('pad-save').click();
  await page.waitForFunction((n) => performance.getEntriesByName('tb-reading-durable').length > n, before);
  return page.evaluate(() => {
    const marks = performance.getEntriesByName('tb-reading-durable');
    return (marks[marks.length - 1] as PerformanceEntry).startTime - (window.__tbLastTap ?? 0);
  });
}

async function coldStart(userDataDir: string, url: string): Promise<number> {
  const context: BrowserContext = await launchPersistent(userDataDir, { offline: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url, { waitUntil: 'commit' });
    return await waitInteractive(page);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    console.error('building the app and the baseline page...');
    build([]);
    build(['--config', 'bench/baseline/vite.config.ts']);
  }
  const app = await startServer({ DIST_DIR: 'dist', TIERBOARD_DEMO: '1', SQLITE_PATH: join(tempDir('bench-db').path, 'db.sqlite') });
  const baseline = await startServer({ DIST_DIR: 'test-results/bench-baseline', TIERBOARD_DEMO: '0', SQLITE_PATH: join(tempDir('bench-db').path, 'db.sqlite') });
  const appProfile = tempDir('bench-app');
  const baseProfile = tempDir('bench-base');
  try {
    // First visit online: installs the service worker, sets the device up, and shows what the reading screen loads.
    console.error('first visit of a new tablet, JS over the wire...');
    const wire = await firstVisitJs(app.url);

    console.error('first visit, tap-to-durable...');
    let context = await launchPersistent(appProfile.path);
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(app.url);
    await completeSetup(page);
    await signInFirstOperator(page);
    // What an ordinary start loads (setup runs once per tablet): reload, wait for the reading screen.
    await page.reload();
    const initialFiles = await jsFetchedByPage(page, await waitInteractive(page));
    const initialJsGzipKB = initialFiles.reduce((sum, p) => sum + gzipKB(join('dist', p)), 0);
    const totalJsGzipKB = allJs('dist').filter((f) => !/[\\/](sw|workbox-[^\\/]+)\.js$/.test(f)).reduce((s, f) => s + gzipKB(f), 0);
    const serviceWorkerGzipKB = allJs('dist').filter((f) => /[\\/](sw|workbox-[^\\/]+)\.js$/.test(f)).reduce((s, f) => s + gzipKB(f), 0);

    await signInFirstOperator(page);
    await tapToDurable(page, WARMUP);
    const taps = await tapToDurable(page, SAVES);
    await context.close();

    context = await launchPersistent(baseProfile.path);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(baseline.url);
    await waitInteractive(page);
    const sample = { id: '', kpiId: 'kpi-x', plantId: 'plant-x', lineId: 'line-x', shiftCode: 'A', productionDate: '2026-11-21', value: 87.5, personId: 'person-x', deviceId: 'device-x', recordedAt: new Date().toISOString(), clockOffsetMs: 0, note: '', supersedes: '', correctionReason: '', receivedAt: '' };
    // The baseline gets the same real tap as the app: a click on its Save button, from the click to
    // the mark set when Dexie's put resolved. The put timed alone inside the page is reported too.
    const puts: number[] = [];
    const putsInPage: number[] = [];
    for (let i = 0; i < WARMUP + SAVES; i++) {
      const ms = await tapRawPut(page, { ...sample, id: `bench-tap-${i}` });
      const inPage = await page.evaluate((r) => window.rawPut(r), { ...sample, id: `bench-${i}` });
      if (i >= WARMUP) {
        puts.push(ms);
        putsInPage.push(inPage);
      }
    }
    // Let the baseline's service worker finish installing before the offline restarts.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await waitInteractive(page);
    await context.close();

    console.error('offline cold starts...');
    const appCold: number[] = [];
    const baseCold: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      // Alternate, so drift in machine load hits both sides alike.
      appCold.push(await coldStart(appProfile.path, app.url));
      baseCold.push(await coldStart(baseProfile.path, baseline.url));
    }

    console.error('a new tablet in a plant with two years of history...');
    const newTablet = await newTabletReady((line) => console.error(line));

    const tapP50 = median(taps);
    const tapP95 = percentile(taps, 95);
    const rawP50 = median(puts);
    const rawP95 = percentile(puts, 95);
    const result = {
      initialJs: initialFiles.join(' '),
      initialJsGzipKB: round(initialJsGzipKB, 1),
      totalJsGzipKB: round(totalJsGzipKB, 1),
      serviceWorkerGzipKB: round(serviceWorkerGzipKB, 1),
      initialJsFiles: initialFiles.length,
      tapToDurableP50Ms: round(tapP50),
      tapToDurableP95Ms: round(tapP95),
      rawDexiePutP50Ms: round(rawP50),
      rawDexiePutP95Ms: round(rawP95),
      rawDexiePutInPageP50Ms: round(median(putsInPage)),
      rawDexiePutInPageP95Ms: round(percentile(putsInPage, 95)),
      tapToDurableRatio: round(tapP95 / rawP95),
      tapToDurableRatioP50: round(tapP50 / rawP50),
      coldStartMs: round(median(appCold), 1),
      coldStartBaselineMs: round(median(baseCold), 1),
      coldStartRatio: round(median(appCold) / median(baseCold)),
      ...newTablet,
      firstVisitJsWireKB: round(wire.totalKB, 1),
      firstVisitFirstScreenJsWireKB: round(wire.firstScreenKB, 1),
      firstVisitReadyJsWireKB: round(wire.readyKB, 1),
      saves: SAVES,
      coldStarts: COLD_STARTS,
    };
    const overLimits = Object.entries(LIMITS)
      .filter(([name, limit]) => result[name as keyof typeof LIMITS] > limit)
      .map(([name, limit]) => `${name} ${result[name as keyof typeof LIMITS]} > ${limit}`);
    for (const over of overLimits) console.error(`over its limit: ${over}`);
    if (overLimits.length > 0) process.exitCode = 1;
    console.log(JSON.stringify({ ...result, limits: LIMITS, overLimits }));
  } finally {
    await app.stop();
    await baseline.stop();
    appProfile.remove();
    baseProfile.remove();
  }
}

await main();
