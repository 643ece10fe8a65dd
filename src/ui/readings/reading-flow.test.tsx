// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TierboardDatabase } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing/test-database.ts';
import { DRAFTS_KEY } from '../../state/draft-store.ts';
import { openSeededDatabase, renderApp, signInWithPin } from '../testing/test-app.tsx';
import { testKpi, testLead, testPerson } from '../../db/testing/test-fixtures.ts';
import { press } from '../testing/test-taps.ts';
import { preloadReadingScreen } from './reading-screen.tsx';

// The number pad loads after the screen is up (it is not in the first screen's budget); tests tap at once.
beforeAll(preloadReadingScreen);

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function seeded(...args: Parameters<typeof openSeededDatabase>) {
  const r = await openSeededDatabase(...args);
  open.push(r.db);
  return r;
}

async function signInAndRecord(value: string[], personId?: string) {
  await signInWithPin(personId);
  fireEvent.click(await screen.findByTestId('kpi-kpi-oee'));
  press(...value.map((k) => `pad-${k}`), 'pad-save');
  return screen.findByTestId('saved-toast');
}

describe('recording a reading through the real database', () => {
  it('shows plant, line and shift; saves an immutable reading, confirms it, lists it, and it is there after reopening', async () => {
    const { db, name } = await seeded();
    const { session } = renderApp(db);
    await waitFor(() => expect(window.__tierboard?.ready).toBe(true));
    const header = screen.getByTestId('shift-header');
    expect(header.textContent).toContain('Test Plant');
    expect(header.textContent).toContain('Press line 1');
    expect(header.textContent).toContain('Shift E · Early');
    expect(screen.getByTestId('header-production-date').textContent).toMatch(/^Fri,? 20 Nov 2026$/);
    expect(header.textContent).toContain('4 h 00 min left');

    const toast = await signInAndRecord(['8', '7', 'dot', '5']);
    expect(toast.getAttribute('role')).toBe('status');
    expect(toast.textContent).toContain('Saved · 87.5 % OEE · 10:00');
    expect(screen.queryByRole('dialog')).toBeNull();

    const stored = (await db.kpi_readings.find().exec()).map((d) => d.toMutableJSON());
    expect(stored).toHaveLength(1);
    const reading = stored[0]!;
    expect(reading).toMatchObject({
      kpiId: 'kpi-oee',
      plantId: 'plant-t',
      lineId: 'line-t1',
      shiftCode: 'E',
      productionDate: '2026-11-20',
      value: 87.5,
      personId: 'person-ana',
      deviceId: 'DEVICE-TEST',
      recordedAt: '2026-11-20T09:00:00.000Z',
      clockOffsetMs: session.getState().clockOffsetMs,
      supersedes: '',
      receivedAt: '',
    });
    const item = await screen.findByTestId(`reading-${reading.id}`);
    expect(item.textContent).toContain('87.5 %');
    expect(item.textContent).toContain('Ana Weber');
    expect(screen.getByTestId('kpi-kpi-oee').getAttribute('data-recorded')).toBe('true');
    expect(performance.getEntriesByName('tb-reading-durable').length).toBeGreaterThan(0);

    // Close and reopen the same database, as after a reload: the reading is still there and listed.
    cleanup();
    await db.close();
    open.splice(open.indexOf(db), 1);
    const again = await openTestDatabase({ name, devMode: false });
    open.push(again);
    expect((await again.kpi_readings.findOne(reading.id).exec())?.value).toBe(87.5);
    renderApp(again);
    await signInWithPin();
    expect((await screen.findByTestId(`reading-${reading.id}`)).textContent).toContain('87.5 %');
  });

  it('a correction writes a new reading that supersedes the old one, with the reason; the old one is struck through', async () => {
    // Corrections are a lead's step (the rule book's correct_reading).
    const { db } = await seeded(undefined, undefined, [testPerson(), testLead()]);
    renderApp(db);
    await signInAndRecord(['7', '8', 'dot', '5'], 'person-lea');
    const [first] = (await db.kpi_readings.find().exec()).map((d) => d.toMutableJSON());
    fireEvent.click(await screen.findByTestId(`correct-${first!.id}`));
    const pad = screen.getByRole('dialog', { name: 'Correct OEE' });
    expect(within(pad).getByTestId('pad-display').textContent).toBe('78.5%');
    press('pad-clear', 'pad-8', 'pad-7', 'pad-dot', 'pad-5', 'reason-typo', 'pad-save');

    await waitFor(async () => expect(await db.kpi_readings.count().exec()).toBe(2));
    const all = (await db.kpi_readings.find().exec()).map((d) => d.toMutableJSON());
    const fix = all.find((r) => r.id !== first!.id)!;
    expect(fix).toMatchObject({ value: 87.5, supersedes: first!.id, correctionReason: 'Typing error' });
    // The original is untouched: immutable.
    expect(all.find((r) => r.id === first!.id)).toEqual(first);

    const oldItem = await screen.findByTestId(`reading-${first!.id}`);
    await waitFor(() => expect(oldItem.getAttribute('data-superseded')).toBe('true'));
    expect(oldItem.querySelector('del')?.textContent).toBe('78.5 %');
    expect(screen.queryByTestId(`correct-${first!.id}`)).toBeNull();
    expect(screen.getByTestId(`reading-${fix.id}`).textContent).toContain('Correction: Typing error');
    expect(screen.getByTestId('kpi-kpi-oee').textContent).toContain('87.5 %');
  });

  it('a correction being typed is kept on the tablet through a restart and goes once saved', async () => {
    // Corrections are a lead's step (the rule book's correct_reading).
    const { db } = await seeded(undefined, undefined, [testPerson(), testLead()]);
    // Recorded earlier this shift (written here: the test app's ids come from a seeded random, which
    // starts over with the restarted app below, and would give the correction the same id).
    const first = {
      id: 'reading-earlier', kpiId: 'kpi-oee', plantId: 'plant-t', lineId: 'line-t1', shiftCode: 'E', productionDate: '2026-11-20',
      value: 78.5, note: '', correctionReason: '', personId: 'person-ana', deviceId: 'DEVICE-TEST',
      recordedAt: '2026-11-20T08:00:00.000Z', clockOffsetMs: 0, supersedes: '', receivedAt: '',
    };
    await db.kpi_readings.insert(first);
    const { storage } = renderApp(db);
    await signInWithPin('person-lea');
    fireEvent.click(await screen.findByTestId(`correct-${first.id}`));
    press('pad-8', 'pad-7', 'reason-recount');
    expect(storage.getItem(DRAFTS_KEY)).not.toBeNull();

    // The tablet restarts with the pad open (battery, a crash): same storage, same database.
    cleanup();
    renderApp(db, { storage });
    await signInWithPin('person-lea');
    fireEvent.click(await screen.findByTestId(`correct-${first.id}`));
    const pad = screen.getByRole('dialog', { name: 'Correct OEE' });
    expect(within(pad).getByTestId('pad-display').textContent).toBe('87%');
    expect(within(pad).getByTestId('pad-was').textContent).toBe('was 78.5 %');
    expect(within(pad).getByTestId('reason-recount').getAttribute('aria-pressed')).toBe('true');
    press('pad-dot', 'pad-5', 'pad-save');
    await waitFor(async () => expect(await db.kpi_readings.count().exec()).toBe(2));
    await waitFor(() => expect(storage.getItem(DRAFTS_KEY)).toBeNull());
  });

  it('groups KPIs by SQDCP with the letter, and shows status by icon shape and words, not colour alone', async () => {
    const defs = [
      testKpi({ id: 'kpi-nm', code: 'T1-NM', name: 'Near-misses', category: 'safety', unit: 'reports', decimals: 0, target: 1, amberThreshold: 1, redThreshold: 0, plausibleMax: 30 }),
      testKpi({ id: 'kpi-abs', code: 'T1-ABS', name: 'Absenteeism', category: 'people', direction: 'lower_is_better', target: 3, amberThreshold: 5, redThreshold: 8 }),
      testKpi({ id: 'kpi-oee', category: 'delivery' }),
      testKpi({ id: 'kpi-scrap', code: 'T1-SCRAP', name: 'Scrap rate', category: 'cost', direction: 'lower_is_better', target: 1, amberThreshold: 1.5, redThreshold: 2.5, decimals: 2 }),
    ];
    const { db } = await seeded(undefined, defs);
    renderApp(db);
    await signInWithPin();
    await screen.findByTestId('kpi-kpi-oee');
    const sections = [...document.querySelectorAll('[data-testid^="sqdcp-"]')];
    expect(sections.map((s) => s.getAttribute('data-testid'))).toEqual(['sqdcp-safety', 'sqdcp-delivery', 'sqdcp-cost', 'sqdcp-people']);
    expect(sections.map((s) => s.querySelector('.sqdcp-letter')?.textContent)).toEqual(['S', 'D', 'C', 'P']);
    expect(within(sections[0] as HTMLElement).getByTestId('kpi-kpi-nm')).toBeTruthy();

    // No readings yet: every status is the dash "No reading".
    expect(screen.getByTestId('kpi-kpi-oee').querySelector('svg')?.getAttribute('data-shape')).toBe('dash');

    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    press('pad-9', 'pad-0', 'pad-save'); // above target 85: green
    await screen.findByTestId('saved-toast');
    fireEvent.click(screen.getByTestId('kpi-kpi-scrap'));
    press('pad-3', 'pad-save'); // lower is better, beyond red 2.5: red
    await waitFor(() => expect(screen.getByTestId('kpi-kpi-scrap').getAttribute('data-status')).toBe('red'));
    fireEvent.click(screen.getByTestId('kpi-kpi-abs'));
    press('pad-4', 'pad-save'); // between target 3 and amber 5: amber
    await waitFor(() => expect(screen.getByTestId('kpi-kpi-abs').getAttribute('data-status')).toBe('amber'));
    await waitFor(() => expect(screen.getByTestId('kpi-kpi-oee').getAttribute('data-status')).toBe('green'));

    const shapeAndWords = (id: string) => {
      const row = screen.getByTestId(id);
      return [row.querySelector('svg')?.getAttribute('data-shape'), row.querySelector('.status-text')?.textContent];
    };
    expect(shapeAndWords('kpi-kpi-oee')).toEqual(['check', 'On target']);
    expect(shapeAndWords('kpi-kpi-abs')).toEqual(['triangle', 'Off target']);
    expect(shapeAndWords('kpi-kpi-scrap')).toEqual(['octagon', 'Critical']);
  });

  it('shows a formula KPI computed from its inputs, never as something to type', async () => {
    const defs = [
      testKpi({ id: 'kpi-good', code: 'T1-GOOD', name: 'Good first time', category: 'quality', unit: 'units', decimals: 0, plausibleMax: 1000, target: 90, amberThreshold: 80, redThreshold: 70 }),
      testKpi({ id: 'kpi-made', code: 'T1-MADE', name: 'Units produced', category: 'delivery', unit: 'units', decimals: 0, plausibleMax: 1000, target: 100, amberThreshold: 90, redThreshold: 80 }),
      testKpi({ id: 'kpi-fpy', code: 'T1-FPY', name: 'First pass yield', category: 'quality', formula: 'first_pass_yield', formulaInputs: { goodFirstTime: 'T1-GOOD', unitsEntering: 'T1-MADE' }, target: 95, amberThreshold: 92, redThreshold: 88 }),
    ];
    const { db } = await seeded(undefined, defs);
    renderApp(db);
    await signInWithPin();
    const fpy = await screen.findByTestId('kpi-kpi-fpy');
    expect(fpy.tagName).toBe('DIV');
    expect(fpy.getAttribute('data-input')).toBe('false');
    expect(fpy.textContent).toContain('Computed when its inputs are recorded');
    fireEvent.click(screen.getByTestId('kpi-kpi-good'));
    press('pad-9', 'pad-5', 'pad-save');
    await screen.findByTestId('saved-toast');
    fireEvent.click(screen.getByTestId('kpi-kpi-made'));
    press('pad-1', 'pad-0', 'pad-0', 'pad-save');
    await waitFor(() => expect(screen.getByTestId('kpi-kpi-fpy').querySelector('.kpi-value')?.textContent).toBe('95.0 %'));
    expect(screen.getByTestId('kpi-kpi-fpy').getAttribute('data-status')).toBe('green');
  });

  it('signs in by badge number and PIN, and refuses an unknown badge and a wrong PIN', async () => {
    const { db } = await seeded();
    renderApp(db);
    await screen.findByTestId('operator-picker');
    press(...['9', '9'].map((d) => `badge-key-${d}`));
    expect(screen.getByTestId('badge-display').textContent).toBe('99');
    press('badge-submit');
    expect((await screen.findByRole('alert')).textContent).toContain('Badge 99 is not on this plant’s roster.');
    press('badge-key-1', 'badge-key-0', 'badge-key-0', 'badge-key-1', 'badge-submit');
    // The badge says who; the PIN, checked against the salted hash on the device, proves it.
    await screen.findByTestId('sign-with-pin');
    press('pin-key-9', 'pin-key-9', 'pin-key-9', 'pin-key-9', 'pin-submit');
    await waitFor(() => expect(screen.getByTestId('sign-with-pin-message').textContent).toMatch(/wrong/i), { timeout: 5_000 });
    expect(screen.queryByTestId('header-person')?.textContent ?? '').not.toBe('Ana Weber');
    press('pin-key-1', 'pin-key-2', 'pin-key-3', 'pin-key-4', 'pin-submit');
    await waitFor(() => expect(screen.getByTestId('header-person').textContent).toBe('Ana Weber'), { timeout: 5_000 });
    press('sign-out');
    expect(await screen.findByTestId('operator-picker')).toBeTruthy();
  });
});
