/**
 * The plant board end to end: the real sync server (SQLite, demo data, one line tablet and one wall
 * screen enrolled through the app's own screens) and the wall-screen board at `#board`.
 *
 * - At 1920x1080 and 3840x2160 every board page fits the screen: no text outside the viewport and
 *   no box that clips its content (checked in the page), with a screenshot of each page kept in
 *   test-results/board/.
 * - A reading recorded on the tablet appears on the board within 2 s of reaching the server
 *   (from the tablet's push response to the tile showing the value).
 * - In a tier meeting on the wall screen, the demo supervisor signs with their PIN and notes an
 *   action; it reaches the server as theirs (SPEC [P4]) and a tablet pulls it.
 * - The server stopped: the stale notice appears (plant-set time 4 s here, via the kiosk URL),
 *   the data stays; the server restarted on the same port and database: the notice goes away.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoDataset } from '../../src/demo/demo-data.ts';
import { newId } from '../../src/domain/records/ids.ts';
import type { Escalation } from '../../src/domain/escalation/escalation-types.ts';
import type { KpiReading } from '../../src/domain/kpi/kpi-types.ts';
import { launchBrowser, startDemoServer, storedDeviceToken, tempDir, type DemoCodes, type RunningServer } from './harness.ts';
import { enrollDevice, recordReading, signInFirstOperator, typePin } from './flows.ts';

/** The board's promise: a reading recorded on any tablet appears on the board within 2 s of reaching the server. */
const LIVE_BUDGET_MS = 2_000;
/** The kiosk URL's plant-set stale time for this test (seconds), and a dwell long enough not to rotate under the checks. */
const BOARD_HASH = '#board?stale=4&dwell=600';
const SHOTS = 'test-results/board';
/** The built app to serve; `dist` as the other end-to-end tests. */
const DIST = process.env.E2E_DIST_DIR ?? 'dist';

let server: RunningServer & { codes: DemoCodes };
let browser: Browser;
const contexts: BrowserContext[] = [];
const dataDir = tempDir('e2e-board-db');
const sqlitePath = join(dataDir.path, 'db.sqlite');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDemoServer({ DIST_DIR: DIST, SQLITE_PATH: sqlitePath, TIERBOARD_DEMO_TABLETS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  dataDir.remove();
});

async function newDevice(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, hasTouch: true });
  contexts.push(context);
  return { context, page: await context.newPage() };
}

/** Runs in the page: text that leaves the viewport, and boxes that clip their content. */
function layoutProblems(): string[] {
  const board = document.querySelector('[data-testid="plant-board"]');
  if (!board) return ['no board'];
  const problems: string[] = [];
  const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}`;
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  for (const el of [board, ...board.querySelectorAll('*')]) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.closest('.board-vh, svg')) continue;
    const html = el as HTMLElement;
    const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
    if (clips && (html.scrollWidth > html.clientWidth + 1 || html.scrollHeight > html.clientHeight + 1)) {
      problems.push(`${name(el)} clips its content (${html.scrollWidth}x${html.scrollHeight} in ${html.clientWidth}x${html.clientHeight})`);
    }
    const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (hasText) {
      const r = el.getBoundingClientRect();
      if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) problems.push(`${name(el)} text outside the screen (${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)})`);
      // Text cut by a box that hides its overflow (a button's scroll size does not always tell).
      for (let box = el.parentElement; box && box !== board.parentElement; box = box.parentElement) {
        const s = getComputedStyle(box);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const b = box.getBoundingClientRect();
        if (r.left < b.left - 0.5 || r.top < b.top - 0.5 || r.right > b.right + 0.5 || r.bottom > b.bottom + 0.5) problems.push(`${name(el)} text cut by ${name(box)}`);
        break;
      }
    }
  }
  return problems;
}

async function openBoard(page: Page): Promise<void> {
  await page.goto(`${server.url}/${BOARD_HASH}`);
  // Same document, new hash: the shell reads the route when it starts.
  await page.reload();
  await page.getByTestId('board-page-calendar').waitFor({ timeout: 30_000 });
}

async function pageKinds(page: Page): Promise<number> {
  const text = (await page.getByTestId('board-page-indicator').innerText()).trim();
  const total = Number(/(\d+)\D*$/.exec(text)?.[1]);
  if (!Number.isFinite(total) || total < 3) throw new Error(`unexpected page indicator: ${text}`);
  return total;
}

/** Some open escalations for the escalations page: pushed as the tablet, as a shift lead of the demo line. */
async function raiseEscalations(tablet: Page): Promise<void> {
  const token = await tablet.evaluate(storedDeviceToken);
  const lead = demoDataset().people.find((p) => p.plantId === server.codes.plantId && p.role === 'shift_lead');
  if (!token || !lead) throw new Error('no tablet token or shift lead');
  const now = Date.now();
  const header = (minutesAgo: number, severity: Escalation['severity'], description: string): Escalation => ({
    id: newId(now - minutesAgo * 60_000, Math.random), plantId: server.codes.plantId, lineId: server.codes.lineId, category: 'machine', severity,
    description, photo: '', raisedBy: lead.id, raisedAt: new Date(now - minutesAgo * 60_000).toISOString(), deviceId: 'e2e', receivedAt: '',
  });
  const rows = [
    header(95, 'critical', 'Transfer press 1 stops on the die clamp pressure switch; parts in the die, line down since the early shift'),
    header(40, 'high', 'Coil car hydraulics leaking at the lift cylinder'),
    header(5, 'medium', 'Scrap conveyor jams every 20 minutes'),
  ].map((d) => ({ newDocumentState: d, assumedMasterState: null }));
  const res = await fetch(`${server.url}/api/replication/escalations/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-tierboard-person': lead.id },
    body: JSON.stringify({ rows }),
  });
  const body = (await res.json()) as { rejected?: unknown[] };
  expect(res.status).toBe(200);
  expect(body.rejected ?? []).toEqual([]);
}

describe('the wall-screen plant board, through the real sync server', () => {
  let board: Page;
  let tablet: Page;

  it('enrolls a wall screen and a line tablet and opens the board with the plant data', async () => {
    const wall = await newDevice({ width: 1920, height: 1080 });
    const tab = await newDevice({ width: 1280, height: 800 });
    board = wall.page;
    tablet = tab.page;
    await enrollDevice(board, server.url, server.codes.wallScreen, 'typed');
    // A wall screen goes straight to the plant board once enrolled.
    await board.getByTestId('plant-board').waitFor({ timeout: 30_000 });
    await enrollDevice(tablet, server.url, server.codes.tablets[0] ?? '', 'link');
    await signInFirstOperator(tablet);
    await raiseEscalations(tablet);
    await openBoard(board);
    await board.waitForFunction(() => document.querySelectorAll('[data-testid^="cal-day-"][data-state="green"], [data-testid^="cal-day-"][data-state="red"]').length > 0, null, { timeout: 30_000 });
  });

  for (const size of [{ width: 1920, height: 1080 }, { width: 3840, height: 2160 }]) {
    it(`every page fits ${size.width}x${size.height} with no clipped or overflowing text`, async () => {
      await board.setViewportSize(size);
      const total = await pageKinds(board);
      const found: Record<string, string[]> = {};
      // Home: Escape hands the board back to rotation; PageUp steps to the page before.
      for (let i = 0; i < total; i++) {
        if (i > 0) await board.keyboard.press('PageDown');
        else {
          await board.keyboard.press('Escape');
          while ((await board.getByTestId('plant-board').getAttribute('data-page-index')) !== '0') await board.keyboard.press('PageUp');
        }
        await board.waitForFunction((n) => document.querySelector('[data-testid="plant-board"]')?.getAttribute('data-page-index') === String(n), i);
        if (i === total - 1) await board.getByTestId('board-page-escalations').waitFor();
        const kind = await board.getByTestId('plant-board').getAttribute('data-page');
        await board.screenshot({ path: `${SHOTS}/board-${size.width}x${size.height}-${i + 1}-${kind}.png` });
        const problems = await board.evaluate(layoutProblems);
        if (problems.length > 0) found[`page ${i + 1} (${kind})`] = problems.slice(0, 10);
      }
      expect(found).toEqual({});
      // The escalations raised above are on the board, the oldest critical first.
      expect(await board.locator('[data-testid^="esc-"][data-overdue]').count()).toBe(3);
      expect(await board.locator('[data-testid^="esc-"][data-overdue]').first().getAttribute('data-overdue')).toBe('true');
    });
  }

  it('shows a reading recorded on the tablet within 2 s of it reaching the server', async () => {
    await board.setViewportSize({ width: 1920, height: 1080 });
    const row = tablet.locator('[data-testid^="kpi-"][data-input="true"]').first();
    const kpiId = (await row.getAttribute('data-testid'))?.slice('kpi-'.length) ?? '';
    // Step the board to the page with this KPI's tile.
    const total = await pageKinds(board);
    for (let i = 0; i < total && (await board.getByTestId(`tile-${kpiId}`).count()) === 0; i++) await board.keyboard.press('PageDown');
    const tileValue = board.getByTestId(`tile-value-${kpiId}`);
    await tileValue.waitFor();
    const value = String(Math.round(Number((await tileValue.getAttribute('data-value')) ?? '0')) + 7);

    const pushed = tablet.waitForResponse((r) => r.url().includes('/api/replication/kpi_readings/push') && r.status() === 200, { timeout: 15_000 });
    await recordReading(tablet, { value, kpiTestId: `kpi-${kpiId}` });
    await pushed;
    const reachedAt = Date.now();
    await board.waitForFunction(([id, v]) => document.querySelector(`[data-testid="tile-value-${id}"]`)?.getAttribute('data-value') === v, [kpiId, value] as const, {
      timeout: 10_000,
      polling: 25,
    });
    const shownMs = Date.now() - reachedAt;
    console.log(`the board showed the tablet's reading ${shownMs} ms after the server answered the push`);
    expect(shownMs).toBeLessThan(LIVE_BUDGET_MS);
  });

  it('one number: the tablet records the inputs of OEE and first pass yield; tablet, board tile and KPI history show the same figures, to the digit', async () => {
    await board.setViewportSize({ width: 1920, height: 1080 });
    await board.keyboard.press('Escape');

    const defs = demoDataset().kpi_definitions.filter((d) => d.lineId === server.codes.lineId);
    const byMeasure = (m: string) => defs.find((d) => d.code.endsWith(`-${m}`)) as (typeof defs)[number];
    const cycle = byMeasure('CYCLE');
    const shiftMinutes = byMeasure('SHIFT_TIME').target;
    // Units a little under what the ideal cycle time allows in the shift, so OEE is plausible.
    const produced = Math.min(byMeasure('PRODUCED').plausibleMax, Math.floor((0.8 * (shiftMinutes - 45 - 30)) / cycle.target));
    const good = Math.floor(produced * 0.97);
    // What this shift has already (an earlier test's reading, or today's ideal cycle time) stays as it is.
    const typed: [string, number][] = [['SHIFT_TIME', shiftMinutes], ['BREAKS', 45], ['DOWNTIME', 30], ['CYCLE', cycle.target], ['PRODUCED', produced], ['GOOD', good]];
    for (const [m, v] of typed) {
      const def = byMeasure(m);
      if ((await tablet.getByTestId(`kpi-${def.id}`).getAttribute('data-recorded')) === 'true') continue;
      await recordReading(tablet, { value: String(v), kpiTestId: `kpi-${def.id}` });
    }
    const fpy = byMeasure('FPY');
    const oee = byMeasure('OEE');
    const onTablet = async (id: string) => tablet.getByTestId(`kpi-${id}`).locator('.kpi-value').getAttribute('data-value');
    await tablet.waitForFunction((id) => document.querySelector(`[data-testid="kpi-${id}"] .kpi-value`)?.getAttribute('data-value') !== '', oee.id, { timeout: 10_000 });
    const tabletFpy = Number(await onTablet(fpy.id));
    const shown = async (m: string) => Number(await onTablet(byMeasure(m).id));
    expect(tabletFpy).toBeCloseTo(((await shown('GOOD')) / (await shown('PRODUCED'))) * 100, 10);
    const tabletOee = Number(await onTablet(oee.id));
    expect(tabletOee).toBeGreaterThan(0);

    // The board: each tile's figure shows the tablet's value, as the tablet's row prints it.
    const total = await pageKinds(board);
    for (const def of [fpy, oee]) {
      for (let i = 0; i < total && (await board.getByTestId(`tile-${def.id}`).count()) === 0; i++) await board.keyboard.press('PageDown');
      const tile = board.getByTestId(`tile-value-${def.id}`);
      await board.waitForFunction(([id, v]) => Number(document.querySelector(`[data-testid="tile-value-${id}"]`)?.getAttribute('data-value')) === v, [def.id, def === fpy ? tabletFpy : tabletOee] as const, { timeout: 15_000 });
      const tabletText = await tablet.getByTestId(`kpi-${def.id}`).locator('.kpi-value').innerText();
      expect(tabletText.replace(/\s*%$/, '')).toBe((await tile.innerText()).trim());
      await board.screenshot({ path: `${SHOTS}/one-number-${def.code}.png` });
    }
    // The history: the shift's production day (the day before the calendar's during a night shift
    // after midnight) shows the day's figure by the shared rule (ratio of the day's sums).
    await board.getByTestId(`tile-${fpy.id}`).click();
    const token = await tablet.evaluate(storedDeviceToken);
    const documents = await pullAll(server.url, token ?? '');
    const date = documents.filter((r) => r.kpiId === byMeasure('GOOD').id).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)).at(-1)?.productionDate ?? '';
    const today = board.getByTestId('kpi-history-values').locator(`li[data-date="${date}"]`);
    const dayFpy = Number(await today.getAttribute('data-value'));
    const sumOf = (id: string) => latestPerSlot(documents.filter((r) => r.kpiId === id && r.productionDate === date)).reduce((s, r) => s + r.value, 0);
    expect(dayFpy).toBeCloseTo((sumOf(byMeasure('GOOD').id) / sumOf(byMeasure('PRODUCED').id)) * 100, 10);
    await board.screenshot({ path: `${SHOTS}/one-number-history.png` });
    await board.getByTestId('history-close').click();
  });

  it('[P4] notes an action in the tier meeting for the supervisor who signs with their PIN, and the plant gets it', async () => {
    const supervisor = demoDataset().people.find((p) => p.plantId === server.codes.plantId && p.role === 'supervisor' && p.active);
    const owner = demoDataset().people.find((p) => p.plantId === server.codes.plantId && p.role === 'shift_lead' && p.active);
    if (!supervisor || !owner) throw new Error('no supervisor or shift lead in the demo plant');
    const title = `Check the die clamp switch ${Date.now()}`;
    // The meeting: a key takes the board over; a tile on this page opens its history, which offers "Note action".
    await board.keyboard.press('ArrowRight');
    const total = await pageKinds(board);
    for (let i = 0; i < total && (await board.locator('[data-testid^="tile-value-"]').count()) === 0; i++) await board.keyboard.press('PageDown');
    await board.locator('[data-testid^="tile-value-"]').first().click();
    await board.getByTestId('history-note-action').click();

    await board.getByTestId(`noter-${supervisor.id}`).click();
    await typePin(board);
    await board.getByTestId('action-noted-by').waitFor();
    await board.screenshot({ path: `${SHOTS}/board-note-action.png` });
    await board.getByTestId('action-title').fill(title);
    await board.getByTestId('action-owner').selectOption(owner.id);
    const pushed = board.waitForResponse((r) => r.url().includes('/api/replication/improvement_actions/push'), { timeout: 15_000 });
    await board.getByTestId('action-save').click();
    await board.getByTestId('board-confirmation').waitFor();
    const answer = (await (await pushed).json()) as { rejected: unknown[] };
    expect(answer.rejected).toEqual([]);
    // Sent: the screen no longer says it waits (the sync badge's count is back to nothing waiting).
    await board.getByTestId('board-confirmation-waiting').waitFor({ state: 'detached', timeout: 10_000 });

    // On the server, as the supervisor's: what any tablet of the plant pulls.
    const token = await tablet.evaluate(storedDeviceToken);
    const res = await fetch(`${server.url}/api/replication/improvement_actions/pull?checkpoint=&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    const { documents } = (await res.json()) as { documents: Record<string, unknown>[] };
    expect(documents.filter((d) => d.title === title)).toEqual([expect.objectContaining({ plantId: server.codes.plantId, ownerId: owner.id, notedBy: supervisor.id, status: 'todo' })]);
    // Nobody stays signed in on the wall screen: the next action asks again.
    await board.locator('[data-testid^="tile-value-"]').first().click();
    await board.getByTestId('history-note-action').click();
    await board.getByTestId('note-action-sign-in').waitFor();
    await board.screenshot({ path: `${SHOTS}/board-note-sign-in.png` });
    await board.getByTestId('note-sign-in-cancel').click();
  });

  it('says so when the server is gone, keeps the data, and recovers by itself when it is back', async () => {
    const tilesBefore = await board.locator('[data-testid^="tile-value-"]').count();
    const port = new URL(server.url).port;
    await server.stop();
    await board.getByTestId('board-stale').waitFor({ timeout: 15_000 });
    expect(await board.getByTestId('board-stale').innerText()).toMatch(/Server not reached since \d\d:\d\d/);
    expect(await board.locator('[data-testid^="tile-value-"]').count()).toBe(tilesBefore);
    await board.screenshot({ path: `${SHOTS}/board-stale.png` });

    server = await startDemoServer({ DIST_DIR: DIST, SQLITE_PATH: sqlitePath, TIERBOARD_DEMO_TABLETS: '1', PORT: port });
    await board.getByTestId('board-stale').waitFor({ state: 'detached', timeout: 90_000 });
    expect(await board.locator('[data-testid^="tile-value-"]').count()).toBe(tilesBefore);
  });
});

/** Every reading the server holds for the tablet's plant, page by page. */
async function pullAll(url: string, token: string): Promise<KpiReading[]> {
  const out: KpiReading[] = [];
  let checkpoint = '';
  for (;;) {
    const res = await fetch(`${url}/api/replication/kpi_readings/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { documents: KpiReading[]; checkpoint: { position: number }; more?: boolean };
    out.push(...page.documents);
    if (page.documents.length < 1000 && !page.more) return out;
    checkpoint = String(page.checkpoint.position);
  }
}

/** The reading that counts per shift (nobody superseded it, newest tap), as every screen picks it. */
function latestPerSlot(readings: KpiReading[]): KpiReading[] {
  const superseded = new Set(readings.map((r) => r.supersedes).filter(Boolean));
  const bySlot = new Map<string, KpiReading>();
  for (const r of readings) {
    if (superseded.has(r.id)) continue;
    const key = `${r.lineId}|${r.shiftCode}`;
    const cur = bySlot.get(key);
    if (!cur || Date.parse(r.recordedAt) + r.clockOffsetMs > Date.parse(cur.recordedAt) + cur.clockOffsetMs) bySlot.set(key, r);
  }
  return [...bySlot.values()];
}
