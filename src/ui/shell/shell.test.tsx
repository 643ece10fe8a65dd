// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TierboardDatabase } from '../../db/database.ts';
import { freshDatabaseName, openTestDatabase } from '../../db/testing/test-database.ts';
import { DEMO_PLANT_IDS } from '../../demo/demo-data.ts';
import { App } from '../../app.tsx';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createSessionStore, SESSION_KEY } from '../../state/session-store.ts';
import { createUiStore } from '../../state/ui-store.ts';
import { openSeededDatabase, renderApp, signInWithPin } from '../testing/test-app.tsx';
import { testKpi, testPerson } from '../../db/testing/test-fixtures.ts';
import { press } from '../testing/test-taps.ts';
import { preloadReadingScreen } from '../readings/reading-screen.tsx';

// The number pad loads after the screen is up (it is not in the first screen's budget); tests tap at once.
beforeAll(preloadReadingScreen);

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function readyToType() {
  const { db } = await openSeededDatabase();
  open.push(db);
  const app = renderApp(db);
  await signInWithPin();
  await screen.findByTestId('kpi-kpi-oee');
  return { db, ...app };
}

describe('update banner', () => {
  it('never reloads while the number pad is open; offers Reload once the entry is finished', async () => {
    const { ui } = await readyToType();
    const apply = vi.fn();
    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    press('pad-4');
    ui.getState().offerUpdate(apply);

    const banner = await screen.findByTestId('update-banner');
    expect(banner.textContent).toContain('It will be offered when you finish your entry.');
    expect(screen.queryByTestId('update-reload')).toBeNull();
    expect(screen.getByTestId('pad-display').textContent).toBe('4%');
    expect(apply).not.toHaveBeenCalled();

    press('pad-cancel');
    fireEvent.click(await screen.findByTestId('update-reload'));
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('ignores a Reload tap that lands after a pad opened', async () => {
    const { ui } = await readyToType();
    const apply = vi.fn();
    ui.getState().offerUpdate(apply);
    const reload = await screen.findByTestId('update-reload');
    // The store says someone is typing, even if this render has not caught up yet.
    ui.getState().setEntryInProgress('reading', true);
    fireEvent.click(reload);
    expect(apply).not.toHaveBeenCalled();
  });
});

describe('storage errors', () => {
  it('blocks with a clear message when storage is full, keeps the typed entry, and saves it on retry', async () => {
    const { db } = await readyToType();
    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    press('pad-7', 'pad-0', 'pad-save');
    await screen.findByTestId('saved-toast');

    const realInsert = db.kpi_readings.insert.bind(db.kpi_readings);
    const full = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const insert = vi.spyOn(db.kpi_readings, 'insert').mockRejectedValue(full);
    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    press('pad-8', 'pad-7', 'pad-dot', 'pad-5', 'pad-save');

    const blocker = await screen.findByTestId('storage-error');
    expect(blocker.getAttribute('data-kind')).toBe('quota');
    expect(blocker.getAttribute('role')).toBe('alertdialog');
    expect(blocker.textContent).toContain('storage is full');
    expect(blocker.textContent).toContain('Everything saved before is safe');
    expect(screen.getByTestId('storage-kept').textContent).toContain('87.5 % OEE');
    expect(blocker.textContent).toContain('call your plant admin');
    expect(await db.kpi_readings.count().exec()).toBe(1);

    insert.mockImplementation(realInsert);
    fireEvent.click(within(blocker).getByTestId('storage-retry'));
    await waitFor(() => expect(screen.queryByTestId('storage-error')).toBeNull());
    const values = (await db.kpi_readings.find().exec()).map((d) => d.value).sort();
    expect(values).toEqual([70, 87.5]);
    expect((await screen.findAllByTestId('saved-toast')).some((t) => t.textContent?.includes('87.5 % OEE'))).toBe(true);
  });

  it('says so when the database cannot be opened at all, and offers a reload', async () => {
    const missing = Object.assign(new Error('IndexedDB API missing'), { name: 'MissingAPIError' });
    render(
      <App
        session={createSessionStore({ storage: memoryStorage(), nowMs: 0, random: () => 0.5 })}
        ui={createUiStore()}
        openDb={() => Promise.reject(missing)}
        clock={{ now: () => 0 }}
        random={() => 0.5}
      />,
    );
    const blocker = await screen.findByTestId('storage-error');
    expect(blocker.getAttribute('data-kind')).toBe('unavailable');
    expect(blocker.textContent).toContain('cannot store data');
    expect(screen.getByTestId('storage-reload')).toBeTruthy();
  });
});

describe('first start and the device panel', () => {
  it('offers the plant server or demo data, seeds the demo plants, asks plant and line with big buttons, and remembers the choice', async () => {
    const db = await openTestDatabase({ name: freshDatabaseName('setup'), devMode: false });
    open.push(db);
    const storage = memoryStorage();
    renderApp(db, { storage });
    expect(await screen.findByTestId('setup-connect')).toBeTruthy();
    fireEvent.click(await screen.findByTestId('setup-demo'));
    const plantButtons = await screen.findAllByTestId(/^plant-/, {}, { timeout: 10_000 });
    expect(plantButtons.map((b) => b.getAttribute('data-testid')).sort()).toEqual(DEMO_PLANT_IDS.map((id) => `plant-${id}`).sort());
    fireEvent.click(plantButtons[0]!);
    const lineButtons = await screen.findAllByTestId(/^line-/);
    fireEvent.click(lineButtons[0]!);
    await screen.findByTestId('operator-picker');
    await waitFor(() => expect(window.__tierboard?.ready).toBe(true));
    const saved = JSON.parse(storage.getItem(SESSION_KEY) ?? '{}') as { plantId: string; lineId: string; deviceId: string };
    expect(`plant-${saved.plantId}`).toBe(plantButtons[0]!.getAttribute('data-testid'));
    expect(`line-${saved.lineId}`).toBe(lineButtons[0]!.getAttribute('data-testid'));
    expect(saved.deviceId).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('the About panel shows version, device, plant and line, and "Change line", allowed by a shift lead\'s PIN and confirmed, goes back to line choice', async () => {
    const { db } = await openSeededDatabase(undefined, [testKpi()], [testPerson(), testPerson({ id: 'person-lea', name: 'Lea Brandt', badge: '1002', role: 'shift_lead' })]);
    open.push(db);
    renderApp(db);
    fireEvent.click(await screen.findByTestId('open-about'));
    const panel = await screen.findByRole('dialog', { name: 'About this device' });
    expect(within(panel).getByTestId('about-device').textContent).toBe('DEVICE-TEST');
    await waitFor(() => expect(within(panel).getByTestId('about-plant-line').textContent).toBe('Test Plant · Press line 1'));
    expect(within(panel).getByTestId('about-version').textContent).toBeTruthy();
    fireEvent.click(within(panel).getByTestId('about-change-line'));
    // Only who may allow it is offered: the operator is not.
    fireEvent.click(await within(panel).findByTestId('change-line-by-person-lea'));
    expect(within(panel).queryByTestId('change-line-by-person-ana')).toBeNull();
    for (const digit of '1234') fireEvent.click(within(panel).getByTestId(`pin-key-${digit}`));
    fireEvent.click(within(panel).getByTestId('pin-submit'));
    fireEvent.click(await within(panel).findByTestId('change-line-yes', {}, { timeout: 5_000 }));
    expect(await screen.findByTestId('line-line-t1')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('idle sign-out on a shared tablet', () => {
  /** The app with a clock the test moves; the idle check runs on fake intervals. */
  async function signedInWithClock() {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { db } = await openSeededDatabase();
    open.push(db);
    const clock = { t: Date.UTC(2026, 10, 20, 9, 0, 0) };
    const app = renderApp(db, { now: () => clock.t });
    await signInWithPin();
    await screen.findByTestId('kpi-kpi-oee');
    const idle = (minutes: number) => {
      clock.t += minutes * 60_000;
      vi.advanceTimersByTime(60_000);
    };
    return { ...app, idle };
  }
  afterEach(() => vi.useRealTimers());

  it('signs the person out after the plant idle time (30 min) on the problems screen too, not only on the reading screen', async () => {
    const { session, idle } = await signedInWithClock();
    fireEvent.click(await screen.findByTestId('nav-escalations'));
    idle(29);
    expect(session.getState().personId).toBe('person-ana');
    idle(2);
    await waitFor(() => expect(session.getState().personId).toBe(''));
  });

  it('any tap counts as activity, and an open number pad is never signed out from under the operator', async () => {
    const { session, idle } = await signedInWithClock();
    idle(20);
    fireEvent.pointerDown(screen.getByTestId('kpi-kpi-oee'));
    idle(20);
    expect(session.getState().personId).toBe('person-ana');
    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    press('pad-4');
    idle(45);
    expect(session.getState().personId).toBe('person-ana');
    expect(screen.getByTestId('pad-display').textContent).toBe('4%');
    press('pad-cancel');
    idle(31);
    await waitFor(() => expect(session.getState().personId).toBe(''));
  });
});
