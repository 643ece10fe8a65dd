/**
 * A whole shift end to end: on two line tablets (touch, 1280x800) against the real sync
 * server with the demo data. Tablet A: an operator signs in and records every typed-in reading of
 * the line, the second half offline, and raises a problem while still offline. Tablet B: a
 * responder acknowledges and resolves it once A is back online. Tablet A: a shift lead hands over
 * to the next lead. Taps are counted against the floor's tap budgets, and axe-core checks every screen
 * visited for serious or critical accessibility violations.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoPeople } from '../../src/demo/demo-people.ts';
import type { Role } from '../../src/domain/people/people-types.ts';
import { launchBrowser, seriousAxeViolations, startDemoServer, tempDir, type AxeFinding, type DemoCodes, type RunningServer } from './harness.ts';
import { enrollDevice, recordReading, signInFirstOperator, signOut, startCountingTaps, tapsSince, typePin } from './flows.ts';

/** The shift's promised tap budgets, digits (readings, PINs) aside. */
const BUDGET = { reading: 3, raise: 3, acknowledge: 2, handover: 5 } as const;

let server: RunningServer & { codes: DemoCodes };
let browser: Browser;
const contexts: BrowserContext[] = [];
const dataDir = tempDir('e2e-shift-db');
/** Screen name -> serious/critical findings, filled as the shift goes. */
const axeReport = new Map<string, AxeFinding[]>();

beforeAll(async () => {
  server = await startDemoServer({ DIST_DIR: 'dist', SQLITE_PATH: join(dataDir.path, 'db.sqlite'), TIERBOARD_DEMO_TABLETS: '2' });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  dataDir.remove();
});

async function newTablet(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  contexts.push(context);
  return { context, page: await context.newPage() };
}

async function checkAxe(page: Page, screen: string): Promise<void> {
  axeReport.set(screen, await seriousAxeViolations(page));
}

/** The demo people of the tablets' plant with a role, in roster order. */
function peopleWith(role: Role): string[] {
  return demoPeople()
    .filter((p) => p.plantId === server.codes.plantId && p.role === role && p.active)
    .map((p) => p.id);
}

async function escalationIds(page: Page): Promise<string[]> {
  const ids = await page.locator('button.esc-item[data-testid^="escalation-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.slice('escalation-'.length));
}

describe('a whole shift on two tablets', () => {
  it('records, raises offline, acknowledges and resolves on a second tablet, hands over, within the tap budgets and without serious axe findings', async () => {
    const { codes } = server;
    const [operator] = peopleWith('operator');
    const [responder] = peopleWith('responder');
    const [outgoingLead, incomingLead] = peopleWith('shift_lead');
    if (!operator || !responder || !outgoingLead || !incomingLead) throw new Error('the demo roster lacks an operator, a responder or two shift leads');

    // Tablet A: set up by typing the enrollment code.
    const a = await newTablet();
    await a.page.goto(server.url);
    await a.page.getByTestId('setup-connect').waitFor();
    await checkAxe(a.page, 'setup');
    await a.page.getByTestId('setup-connect').click();
    await a.page.getByTestId('enroll-code').waitFor();
    await checkAxe(a.page, 'enroll');
    await a.page.getByTestId('enroll-code').fill(codes.tablets[0] ?? '');
    await a.page.getByTestId('enroll-submit').click();
    await a.page.getByTestId('enroll-screen').waitFor({ state: 'detached', timeout: 15_000 });
    await a.page.getByTestId(`person-${operator}`).waitFor({ timeout: 30_000 });
    await checkAxe(a.page, 'roster');
    await a.page.getByTestId(`person-${operator}`).click();
    await a.page.getByTestId('pin-key-1').waitFor();
    await checkAxe(a.page, 'pin pad (sign in)');
    await typePin(a.page);
    await a.page.waitForFunction(() => window.__tierboard?.ready === true);
    const rows = a.page.locator('[data-testid^="kpi-"][data-input="true"]');
    await rows.first().waitFor();
    await checkAxe(a.page, 'reading screen');
    await a.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    // The number pad, open.
    await rows.first().click();
    await a.page.getByRole('dialog').waitFor();
    await checkAxe(a.page, 'number pad');
    await a.page.getByTestId('pad-cancel').click();
    await a.page.getByRole('dialog').waitFor({ state: 'detached' });

    // Every typed-in reading of the line; the second half offline.
    const kpiIds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    expect(kpiIds.length).toBeGreaterThan(0);
    const readingsBefore = await a.page.locator('[data-testid^="reading-"]').count();
    let readingTaps = 0;
    for (const [i, kpiTestId] of kpiIds.entries()) {
      if (i === Math.floor(kpiIds.length / 2)) await a.context.setOffline(true);
      const value = String(10 + i);
      await startCountingTaps(a.page);
      await recordReading(a.page, { value, kpiTestId });
      readingTaps = Math.max(readingTaps, (await tapsSince(a.page)) - value.length);
    }
    expect(await a.page.locator('[data-testid^="reading-"]').count()).toBe(readingsBefore + kpiIds.length);

    // Still offline: raise a problem from the problems list (it has its own Raise button; other screens have it in the nav).
    await a.page.getByTestId('nav-escalations').click();
    await a.page.getByTestId('screen-escalations').waitFor();
    const known = await escalationIds(a.page);
    await startCountingTaps(a.page);
    await a.page.getByTestId('raise-open').click();
    await a.page.getByTestId('raise-sheet').waitFor();
    await checkAxe(a.page, 'raise sheet');
    await a.page.getByTestId('raise-category-machine').or(a.page.locator('[data-testid^="raise-category-"]').first()).first().click();
    await a.page.locator('[data-testid^="raise-severity-"]').last().click();
    await a.page.getByTestId('raise-done').waitFor();
    const raiseTaps = await tapsSince(a.page);
    await a.page.getByTestId('raise-close').click();
    await a.page.waitForFunction((before) => [...document.querySelectorAll('button.esc-item')].some((e) => !before.includes((e.getAttribute('data-testid') ?? '').slice('escalation-'.length))), known);
    const raisedId = (await escalationIds(a.page)).find((id) => !known.includes(id));
    if (!raisedId) throw new Error('the raised problem is not in the list');
    await checkAxe(a.page, 'escalations list');
    await a.context.setOffline(false);

    // Tablet B: enrolled from the QR link; a responder acknowledges and resolves.
    const b = await newTablet();
    await enrollDevice(b.page, server.url, codes.tablets[1] ?? '', 'link');
    await signInFirstOperator(b.page, responder);
    await b.page.getByTestId('nav-escalations').click();
    const item = b.page.getByTestId(`escalation-${raisedId}`);
    await item.waitFor({ timeout: 20_000 });
    await startCountingTaps(b.page);
    await item.click();
    await b.page.getByTestId('escalation-detail').waitFor();
    await checkAxe(b.page, 'escalation detail');
    await b.page.getByTestId('action-acknowledged').click();
    await b.page.getByTestId('step-saved').waitFor();
    const ackTaps = await tapsSince(b.page);

    const resolve = b.page.getByTestId('action-resolved');
    if (!(await resolve.isVisible())) {
      await b.page.getByTestId('action-contained').click();
      await b.page.getByTestId('step-note').fill('Line stopped, guard fitted back');
      await b.page.getByTestId('step-submit').click();
      await resolve.waitFor();
    }
    await resolve.click();
    await b.page.getByTestId('why-1').fill('Guard sensor tripped');
    await b.page.getByTestId('why-2').fill('Sensor bracket loose');
    await b.page.getByTestId('root-cause').fill('Bracket screw not secured after maintenance');
    await b.page.getByTestId('action-taken').fill('Screw secured with thread lock; added to the maintenance checklist');
    await b.page.getByTestId('step-submit').click();
    await b.page.waitForFunction(() => document.querySelector('[data-testid="timeline"] [data-type="resolved"]') !== null);

    // Tablet A: the shift lead hands over to the next lead.
    await a.page.getByTestId('nav-readings').click();
    await signOut(a.page);
    await signInFirstOperator(a.page, outgoingLead);
    await a.page.getByTestId('nav-handover').click();
    await a.page.getByTestId('hand-over').waitFor({ timeout: 15_000 });
    await a.page.getByTestId('item-new').fill('Check the guard sensor bracket at start of shift');
    await a.page.getByTestId('item-add').click();
    await checkAxe(a.page, 'handover screen');
    await startCountingTaps(a.page);
    await a.page.getByTestId('hand-over').click();
    await a.page.getByTestId(`incoming-${incomingLead}`).click();
    await a.page.getByTestId('ack-all').click();
    await a.page.getByTestId('pin-key-1').waitFor();
    await checkAxe(a.page, 'pin pad (handover)');
    await typePin(a.page);
    await a.page.getByTestId('handover-signed').waitFor();
    const handoverTaps = (await tapsSince(a.page)) - 4;

    // The plant board from the tablet's tab, and back to the line.
    await a.page.getByTestId('nav-board').click();
    await a.page.getByTestId('plant-board').waitFor({ timeout: 30_000 });
    await checkAxe(a.page, 'plant board (tablet)');
    await a.page.getByTestId('board-back').click();
    await a.page.getByTestId('screen-readings').waitFor({ timeout: 30_000 });


    const taps = { reading: readingTaps, raise: raiseTaps, acknowledge: ackTaps, handover: handoverTaps };
    console.log(`shift-taps: ${JSON.stringify(taps)}`);
    const findings = [...axeReport].filter(([, v]) => v.length > 0);
    console.log(`shift-axe: ${JSON.stringify({ screens: [...axeReport.keys()], serious: Object.fromEntries(findings) })}`);
    expect(taps.reading).toBeLessThanOrEqual(BUDGET.reading);
    expect(taps.raise).toBeLessThanOrEqual(BUDGET.raise);
    expect(taps.acknowledge).toBeLessThanOrEqual(BUDGET.acknowledge);
    expect(taps.handover).toBeLessThanOrEqual(BUDGET.handover);
    expect(Object.fromEntries(findings), 'serious or critical axe violations').toEqual({});
  });
});
