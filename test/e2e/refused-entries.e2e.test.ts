/**
 * Issue 16, item 7 end to end, on an enrolled line tablet against the real sync server with the
 * demo data: an operator is not offered a correction; a correction the server refuses is shown as
 * refused on the reading screen where it was made (with the reason and Discard), the tablet's tile
 * and its own plant board show the value the server holds, and Discard counts the badge down; an
 * escalation step the server refuses is shown refused in the escalation's detail, which keeps the
 * state the server holds ([C-O6]).
 *
 * The refusal: the tablet offers a step only when the rule book allows it, so the server refuses
 * only what the tablet could not know, e.g. a role changed at the plant while the tablet still has
 * the old roster. The test demotes a shift lead in the server's own database, without a new feed
 * position, so the tablet keeps the lead's old role, as one offline at that moment would.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoPeople } from '../../src/demo/demo-people.ts';
import type { Role } from '../../src/domain/people/people-types.ts';
import { launchBrowser, startDemoServer, tempDir, type DemoCodes, type RunningServer } from './harness.ts';
import { enrollDevice, recordReading, signOut, typePin } from './flows.ts';

let server: RunningServer & { codes: DemoCodes };
let browser: Browser;
const contexts: BrowserContext[] = [];
const dataDir = tempDir('e2e-refused-db');
const sqlitePath = join(dataDir.path, 'db.sqlite');

beforeAll(async () => {
  server = await startDemoServer({ DIST_DIR: 'dist', SQLITE_PATH: sqlitePath, TIERBOARD_DEMO_TABLETS: '1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  dataDir.remove();
});

function personWith(role: Role): string {
  const id = demoPeople().find((p) => p.plantId === server.codes.plantId && p.role === role && p.active)?.id;
  if (!id) throw new Error(`the demo plant has no active ${role}`);
  return id;
}

async function signIn(page: Page, personId: string): Promise<void> {
  await page.getByTestId(`person-${personId}`).click();
  await typePin(page);
  await page.waitForFunction(() => window.__tierboard?.ready === true);
  await page.locator('[data-testid^="kpi-"][data-input="true"]').first().waitFor();
}

/** The value the reading screen's tile shows, as text. */
const tileText = (page: Page, kpiId: string) => page.getByTestId(`kpi-${kpiId}`).locator('.kpi-value').innerText();

/** The server's stored readings of a KPI (the server's value is what it holds). */
function serverReadingIds(kpiId: string): string[] {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT id FROM records WHERE collection = 'kpi_readings' AND json_extract(data, '$.kpiId') = ?").all(kpiId) as { id: string }[];
    return rows.map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('a step the server will refuse is not offered, and a refused entry never looks saved', () => {
  let page: Page;
  let kpiId = '';
  let firstId = '';
  let demoIds = new Set<string>();
  /** Readings of the KPI the server holds beyond the demo's. */
  const newOnServer = () => serverReadingIds(kpiId).filter((id) => !demoIds.has(id));

  it('an operator records a reading and is not offered a correction of it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    contexts.push(context);
    page = await context.newPage();
    await enrollDevice(page, server.url, server.codes.tablets[0] ?? '', 'typed');
    await page.getByTestId(`person-${personWith('operator')}`).waitFor({ timeout: 30_000 });
    await signIn(page, personWith('operator'));

    const row = page.locator('[data-testid^="kpi-"][data-input="true"]').first();
    kpiId = ((await row.getAttribute('data-testid')) ?? '').slice('kpi-'.length);
    demoIds = new Set(serverReadingIds(kpiId)); // the demo's earlier shifts
    const pushed = page.waitForResponse((r) => r.url().includes('/api/replication/kpi_readings/push') && r.status() === 200, { timeout: 15_000 });
    await recordReading(page, { value: '3', kpiTestId: `kpi-${kpiId}` });
    await pushed;
    await expect.poll(() => newOnServer().length).toBe(1);
    firstId = newOnServer()[0] ?? '';
    await page.getByTestId(`reading-${firstId}`).waitFor();

    // No Correct in the list, and the recorded tile says who may correct instead of opening the pad.
    expect(await page.locator('[data-testid^="correct-"]').count()).toBe(0);
    await page.getByTestId(`kpi-${kpiId}`).click();
    await page.getByTestId('rights-refusal').waitFor();
    expect(await page.getByTestId('rights-refusal-text').innerText()).toContain('you cannot correct KPI readings');
    expect(await page.getByTestId('pad-save').count()).toBe(0);
    await page.getByTestId('rights-ok').click();
    await signOut(page);
  });

  it('a correction the server refuses shows as refused where it was made; the tile and the board show the server\'s value; Discard counts the badge down', async () => {
    const lead = personWith('shift_lead');
    // The plant demotes the lead; the tablet does not hear of it (no new feed position).
    const db = new Database(sqlitePath);
    db.pragma('busy_timeout = 5000');
    db.prepare("UPDATE records SET data = json_set(data, '$.role', 'operator') WHERE collection = 'people' AND id = ?").run(lead);
    db.close();

    await signIn(page, lead);
    await page.getByTestId(`correct-${firstId}`).click();
    const pad = page.getByRole('dialog');
    await pad.waitFor();
    await pad.locator('[data-testid^="reason-"]:not([data-testid="reason-text"])').first().click();
    await page.getByTestId('pad-clear').click();
    for (const ch of '2') await page.getByTestId(`pad-${ch}`).click();
    const answered = page.waitForResponse((r) => r.url().includes('/api/replication/kpi_readings/push') && r.status() === 200, { timeout: 15_000 });
    await page.getByTestId('pad-save').click();
    await answered;

    // On the screen where it was made: refused, with the reason and the way forward.
    const refused = page.locator('[data-refused="true"]');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.innerText()).toContain('Refused – not saved');
    expect(await refused.locator('.refused-reason').innerText()).toContain('may not correct KPI readings');
    expect(await refused.locator('.refused-way').innerText()).toContain('Or discard this entry.');
    // The value is what the server holds: the reading the correction tried to supersede.
    await expect.poll(() => tileText(page, kpiId)).toContain('3');
    expect(await page.getByTestId(`reading-${firstId}`).getAttribute('data-superseded')).toBe('false');
    expect(newOnServer()).toEqual([firstId]);
    expect(await page.getByTestId('sync-refused').innerText()).toContain('1 entry refused');

    // The tablet's own plant board agrees.
    await page.goto(`${server.url}/#board?dwell=600`);
    await page.reload();
    await page.getByTestId('board-page-calendar').waitFor({ timeout: 60_000 });
    for (let i = 0; i < 10 && (await page.getByTestId(`tile-${kpiId}`).count()) === 0; i++) await page.keyboard.press('PageDown');
    await page.getByTestId(`tile-value-${kpiId}`).waitFor();
    await expect.poll(() => page.getByTestId(`tile-value-${kpiId}`).getAttribute('data-value')).toBe('3');

    // Back on the reading screen: Discard, the person's choice, counts the badge down.
    await page.goto(server.url);
    await page.reload();
    await page.waitForFunction(() => window.__tierboard?.ready === true);
    if ((await page.getByTestId(`person-${lead}`).count()) > 0) await signIn(page, lead);
    const stillRefused = page.locator('[data-refused="true"]');
    await stillRefused.waitFor({ timeout: 15_000 });
    await stillRefused.locator('[data-testid$="-discard"]').click();
    await stillRefused.locator('[data-testid$="-discard-yes"]').click();
    await stillRefused.waitFor({ state: 'detached' });
    await page.getByTestId('sync-refused').waitFor({ state: 'detached' });
    await expect.poll(() => tileText(page, kpiId)).toContain('3');
  });

  it('[C-O6] an escalation step the server refuses shows as refused in the escalation, which keeps the server\'s state; Discard asks first and counts the badge down', async () => {
    // The lead is still signed in, and still a shift lead to this tablet (an operator to the server).
    await page.getByTestId('nav-escalations').click();
    await page.getByTestId('screen-escalations').waitFor();
    await page.getByTestId('scope-plant').click();
    const ids = () => page.locator('button.esc-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    const before = new Set(await ids());
    const raised = page.waitForResponse((r) => r.url().includes('/api/replication/escalation_events/push') && r.status() === 200, { timeout: 15_000 });
    await page.getByTestId('raise-open').click();
    await page.getByTestId('raise-category-machine').click();
    await page.getByTestId('raise-severity-high').click();
    await page.getByTestId('raise-done').waitFor();
    await raised; // operators may raise: the server takes it
    await page.getByTestId('raise-close').click();

    await expect.poll(async () => (await ids()).filter((id) => !before.has(id)).length).toBe(1);
    const mine = (await ids()).find((id) => !before.has(id)) ?? '';
    await page.getByTestId(mine).click();
    const detail = page.getByTestId('escalation-detail');
    await detail.waitFor();
    const answered = page.waitForResponse((r) => r.url().includes('/api/replication/escalation_events/push') && r.status() === 200, { timeout: 15_000 });
    await page.getByTestId('action-acknowledged').click();
    await answered;

    // Refused where it was made, with the reason and who may; the escalation is unanswered again.
    const refused = detail.locator('[data-testid^="refused-step-"][data-refused="true"]');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.innerText()).toContain('Refused by the server – does not count');
    expect(await refused.locator('.refused-reason').innerText()).toContain('may not take the step “Acknowledge”');
    expect(await refused.locator('.refused-way').innerText()).toContain('responders');
    await expect.poll(() => detail.getAttribute('data-state')).toBe('open');
    expect(await page.getByTestId('step-saved').count()).toBe(0);
    expect(await page.getByTestId('sync-refused').innerText()).toContain('1 entry refused');

    // Discard, asked once more, counts the badge down; the escalation stays unanswered.
    await refused.locator('[data-testid$="-discard"]').click();
    await refused.locator('[data-testid$="-discard-yes"]').click();
    await refused.waitFor({ state: 'detached' });
    await page.getByTestId('sync-refused').waitFor({ state: 'detached' });
    expect(await detail.getAttribute('data-state')).toBe('open');
  });
});
