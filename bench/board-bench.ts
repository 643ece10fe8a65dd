/**
 * `npm run bench:board`: the wall-screen plant board's promised figures, in headless Chromium.
 *
 * - renderSmallMs / renderLargeMs: mount to the first full page painted (the board restores the
 *   digest it saved on an earlier load, catches up with the database, builds its state, draws the
 *   SQDCP calendar; then one frame), for 1 line x 10 KPIs x 7 days and 30 lines x 10 KPIs x 90 days
 *   of per-shift readings (210 vs 81,000 readings, about 400x), each the median of several fresh
 *   page loads, alternating, in this run. This is every start of a wall screen but its first.
 * - renderSmallColdMs / renderLargeColdMs: the same with the digest forgotten first, as on a wall
 *   screen's very first start: the board reads its window of readings from IndexedDB.
 * - updateP95Ms: one live reading (a correction from another tablet) with the large plant loaded,
 *   from the database's insert event to the board's DOM updated; p95 over UPDATES_TIMED readings.
 *   updateToFrameP95Ms adds the wait for the next animation frame (the frame that shows it).
 * - heapGrowthPct / domGrowthPct: JS heap (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage)
 *   and DOM nodes (CDP Memory.getDOMCounters, which counts detached nodes too) after 10,000 live
 *   readings, against the start (measured after a warm-up, so lazy one-time allocations do not count).
 *
 * Prints progress on stderr, then one JSON object as its last line.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent, tempDir } from '../test/e2e/harness.ts';
import { median, percentile, round } from './stats.ts';
import { DIGEST_FOLD_MARGIN_MS } from '../src/domain/board/board-digest.ts';

const OUT = 'test-results/bench-board';
const RENDERS = Number(process.env.BENCH_BOARD_RENDERS ?? 5);
const UPDATES_TIMED = Number(process.env.BENCH_BOARD_UPDATES_TIMED ?? 300);
const UPDATES_SOAK = Number(process.env.BENCH_BOARD_UPDATES ?? 10_000);
/** Live readings per database write in the soak: the live stream delivers batches like this. */
const SOAK_BATCH = 20;
/** Updates go to the lines on the tile page shown, so each one changes the DOM. */
const VISIBLE_LINES = 6;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, server });
  }));
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.bench?.done === true, null, { timeout: 300_000 });
  const error = await page.evaluate(() => window.bench.error);
  if (error) throw new Error(`bench page failed: ${error}`);
}

async function gcAndMeasure(page: Page): Promise<{ heap: number; nodes: number; liveNodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const { nodes } = (await cdp.send('Memory.getDOMCounters')) as { nodes: number };
    const liveNodes = await page.evaluate(() => window.bench.domNodes());
    return { heap: usedSize, nodes, liveNodes };
  } finally {
    await cdp.detach();
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    console.error('building the board benchmark page...');
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--config', 'bench/board/vite.config.ts'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build of bench/board failed');
  }
  const { url, server } = await serve(OUT);
  const profile = tempDir('bench-board');
  let context: BrowserContext | null = null;
  try {
    context = await launchPersistent(profile.path, { viewport: { width: 1920, height: 1080 } });
    const page = context.pages()[0] ?? (await context.newPage());
    console.error('seeding 1x10x7 and 30x10x90 days x 3 shifts...');
    await open(page, `${url}/?mode=seed&size=small`);
    const smallReadings = await page.evaluate(() => window.bench.readings);
    await open(page, `${url}/?mode=seed&size=large`);
    const largeReadings = await page.evaluate(() => window.bench.readings);

    if (process.argv.includes('--probe')) {
      for (let round = 0; round < 3; round++) {
        for (const how of ['find', 'one', 'per-date']) {
          await open(page, `${url}/?mode=probe&size=large&how=${how}`);
          console.error(how, await page.evaluate(() => [window.bench.renderMs, window.bench.readings]));
        }
      }
      return;
    }
    // A board's start folds in what the database wrote in the last DIGEST_FOLD_MARGIN_MS before its digest
    // was saved; the seeding's 81,000 writes would be that on the first rounds. A wall screen restarting
    // seconds after a bulk write pays that (correctly) once; the figure here is every other start.
    await new Promise((r) => setTimeout(r, DIGEST_FOLD_MARGIN_MS + 1000));
    console.error('first full render, alternating small and large, each cold (no digest) then warm...');
    const small: number[] = [];
    const large: number[] = [];
    const smallCold: number[] = [];
    const largeCold: number[] = [];
    const render = async (size: 'small' | 'large', cold: boolean) => {
      await open(page, `${url}/?mode=render&size=${size}${cold ? '&cold=1' : ''}`);
      const ms = await page.evaluate(() => window.bench.renderMs);
      if (process.env.BENCH_DEBUG) console.error(size, cold ? 'cold' : 'warm', ms, JSON.stringify(await page.evaluate(() => window.bench.phases)));
      return ms;
    };
    for (let i = 0; i < RENDERS + 1; i++) {
      const sc = await render('small', true);
      const s = await render('small', false);
      const lc = await render('large', true);
      const l = await render('large', false);
      // The first round warms the browser's code caches for all alike; it is not counted.
      if (i > 0) {
        smallCold.push(sc);
        small.push(s);
        largeCold.push(lc);
        large.push(l);
      }
    }

    console.error('live updates on the large plant...');
    await open(page, `${url}/?mode=render&size=large`);
    // Show the first tile page (lines 0-5): the updates land there.
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid="board-page-tiles"]');
    await page.evaluate((v) => window.bench.updates(50, 1, v), VISIBLE_LINES);
    const timed = await page.evaluate(([n, v]) => window.bench.updates(n, 1, v, true), [UPDATES_TIMED, VISIBLE_LINES] as const);
    const frames = await page.evaluate(() => window.bench.frames);

    console.error(`soak: ${UPDATES_SOAK} live readings...`);
    await page.evaluate(([b, v]) => window.bench.updates(500, b, v), [SOAK_BATCH, VISIBLE_LINES] as const);
    const before = await gcAndMeasure(page);
    await page.evaluate(([n, b, v]) => window.bench.updates(n, b, v), [UPDATES_SOAK, SOAK_BATCH, VISIBLE_LINES] as const);
    const after = await gcAndMeasure(page);

    const renderSmallMs = median(small);
    const renderLargeMs = median(large);
    const result = {
      renderSmallMs: round(renderSmallMs, 1),
      renderLargeMs: round(renderLargeMs, 1),
      renderGrowthRatio: round(renderLargeMs / renderSmallMs),
      renderSmallColdMs: round(median(smallCold), 1),
      renderLargeColdMs: round(median(largeCold), 1),
      renderGrowthRatioCold: round(median(largeCold) / median(smallCold)),
      updateP95Ms: round(percentile(timed, 95)),
      updateP50Ms: round(median(timed)),
      updateToFrameP95Ms: round(percentile(frames, 95)),
      heapGrowthPct: round(((after.heap - before.heap) / before.heap) * 100, 1),
      domGrowthPct: round(((after.nodes - before.nodes) / before.nodes) * 100, 1),
      heapStartMB: round(before.heap / 2 ** 20, 1),
      heapEndMB: round(after.heap / 2 ** 20, 1),
      domNodesStart: before.nodes,
      domNodesEnd: after.nodes,
      domElementsStart: before.liveNodes,
      domElementsEnd: after.liveNodes,
      smallReadings,
      largeReadings,
      dataRatio: round(largeReadings / smallReadings, 1),
      renders: RENDERS,
      updatesTimed: timed.length,
      liveUpdates: UPDATES_SOAK,
    };
    console.log(JSON.stringify(result));
  } finally {
    await context?.close();
    server.close();
    profile.remove();
  }
}

await main();
