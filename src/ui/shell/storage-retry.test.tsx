// @vitest-environment happy-dom
/**
 * Nothing a person entered is lost to a storage failure: a failed database open is opened again by
 * "Try again", and every kept entry stays kept (and is retried, in order) whatever fails after it.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../app.tsx';
import type { FloorDatabase, TierboardDatabase } from '../../db/database.ts';
import { shiftInstanceAt } from '../../domain/shift/shift-calendar.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createSessionStore, SESSION_KEY } from '../../state/session-store.ts';
import { createUiStore, type StorageProblem } from '../../state/ui-store.ts';
import { languageStore } from '../i18n/language.ts';
import type { LineSetup } from '../../db/readings/reading-data.ts';
import { readingSnapshots } from '../readings/reading-snapshot.ts';
import { resetReadinessForTests } from '../readings/readiness.ts';
import { openSeededDatabase, seededRandom, signInWithPin, TEST_NOW } from '../testing/test-app.tsx';
import { testKpi, testLine, testPattern, testPerson, testPlant } from '../../db/testing/test-fixtures.ts';
import { press } from '../testing/test-taps.ts';
import { StorageErrorScreen } from './storage-error-screen.tsx';
import { storageText } from './storage-messages.ts';
import { preloadReadingScreen } from '../readings/reading-screen.tsx';

// The number pad loads after the screen is up (it is not in the first screen's budget); tests tap at once.
beforeAll(preloadReadingScreen);

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  languageStore.getState().setLanguage('en');
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const full = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

const setup: LineSetup = { plant: testPlant(), line: testLine(), pattern: testPattern(), defs: [testKpi()], roster: [testPerson()] };
const shift = shiftInstanceAt(setup.plant, setup.pattern, setup.line.id, new Date(TEST_NOW));

describe('a reading saved while the database opens, when the open fails', () => {
  /** Started as main.tsx starts it, from the snapshot; each open is answered by the test. */
  async function startFromSnapshot() {
    const { db } = await openSeededDatabase();
    open.push(db);
    const storage = memoryStorage({ [SESSION_KEY]: JSON.stringify({ deviceId: 'DEVICE-TEST', plantId: 'plant-t', lineId: 'line-t1' }) });
    const snapshots = readingSnapshots(storage);
    snapshots.record({ setup, shift, readings: [], earlier: new Map() });
    snapshots.flush();
    const answers: Array<{ resolve(d: FloorDatabase): void; reject(e: unknown): void }> = [];
    const openDb = vi.fn(() => new Promise<FloorDatabase>((resolve, reject) => answers.push({ resolve, reject })));
    const random = seededRandom();
    resetReadinessForTests();
    render(
      <App
        session={createSessionStore({ storage, nowMs: TEST_NOW, random })}
        ui={createUiStore()}
        openDb={openDb}
        clock={{ now: () => TEST_NOW }}
        random={random}
        withSync={false}
        snapshots={snapshots}
      />,
    );
    const answer = async (how: 'fail' | 'open') => {
      const next = answers.shift();
      if (!next) throw new Error('the app did not open the database again');
      await act(() => (how === 'fail' ? next.reject(full()) : next.resolve(db)));
    };
    return { db, openDb, answer };
  }

  it('keeps the entry, and "Try again" opens the database again (after a second failure too) and writes it', async () => {
    const { db, openDb, answer } = await startFromSnapshot();
    await signInWithPin();
    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    press('pad-8', 'pad-7', 'pad-dot', 'pad-5', 'pad-save');
    await answer('fail');

    const blocker = await screen.findByTestId('storage-error');
    expect(blocker.getAttribute('data-kind')).toBe('quota');
    await waitFor(() => expect(screen.getByTestId('storage-kept').textContent).toContain('87.5 % OEE'));
    // Reloading would lose the entry: only "Try again" is offered.
    expect(screen.queryByTestId('storage-reload')).toBeNull();

    // Space is still short: the retry opens again, fails again, and the entry stays.
    fireEvent.click(within(blocker).getByTestId('storage-retry'));
    await waitFor(() => expect(openDb).toHaveBeenCalledTimes(2));
    await answer('fail');
    await waitFor(() => expect(within(blocker).getByTestId('storage-retry').hasAttribute('disabled')).toBe(false));
    expect(screen.getByTestId('storage-kept').textContent).toContain('87.5 % OEE');

    // Space freed: the next retry opens, and the kept entry is written and confirmed.
    fireEvent.click(within(blocker).getByTestId('storage-retry'));
    await waitFor(() => expect(openDb).toHaveBeenCalledTimes(3));
    await answer('open');
    await waitFor(() => expect(screen.queryByTestId('storage-error')).toBeNull());
    expect((await db.kpi_readings.find().exec()).map((d) => d.value)).toEqual([87.5]);
    expect((await screen.findByTestId('saved-toast')).textContent).toContain('87.5 % OEE');
  });
});

describe('several storage problems at once', () => {
  const problem = (keptEntry: string, retry: StorageProblem['retry']): StorageProblem => ({ kind: 'quota', detail: 'QuotaExceededError: full', keptEntry, retry });

  it('a problem nothing can retry never replaces a kept entry; it shows once the entry is written', async () => {
    const ui = createUiStore();
    const write = vi.fn(() => Promise.resolve());
    ui.getState().reportStorageProblem(problem('87.5 % OEE', write));
    ui.getState().reportStorageProblem({ kind: 'other', detail: 'Error: collections', keptEntry: '', retry: null });
    expect(ui.getState().storageProblem?.keptEntries).toEqual(['87.5 % OEE']);
    expect(ui.getState().storageProblem?.retry).not.toBeNull();

    await ui.getState().storageProblem?.retry?.();
    expect(write).toHaveBeenCalledTimes(1);
    ui.getState().clearStorageProblem();
    expect(ui.getState().storageProblem).toMatchObject({ kind: 'other', keptEntries: [], retry: null });
  });

  it('keeps every failed entry and retries them all in order; the first that fails again stops the rest and keeps them', async () => {
    const ui = createUiStore();
    const order: string[] = [];
    let firstFails = true;
    ui.getState().reportStorageProblem(
      problem('87.5 % OEE', async () => {
        order.push('oee');
        if (firstFails) throw full();
      }),
    );
    ui.getState().reportStorageProblem(problem('12 Scrap', async () => void order.push('scrap')));
    expect(ui.getState().storageProblem?.keptEntries).toEqual(['87.5 % OEE', '12 Scrap']);

    await expect(ui.getState().storageProblem?.retry?.()).rejects.toThrow('quota');
    expect(order).toEqual(['oee']);
    expect(ui.getState().storageProblem?.keptEntries).toEqual(['87.5 % OEE', '12 Scrap']);

    firstFails = false;
    await ui.getState().storageProblem?.retry?.();
    expect(order).toEqual(['oee', 'oee', 'scrap']);
    expect(ui.getState().storageProblem).toBeNull();
  });

  it('shows them on one screen, "2 entries kept", with one "Try again" and no Reload, in English and German', async () => {
    const ui = createUiStore();
    const written: string[] = [];
    ui.getState().reportStorageProblem(problem('87.5 % OEE', async () => void written.push('oee')));
    ui.getState().reportStorageProblem(problem('12 Scrap', async () => void written.push('scrap')));
    const block = ui.getState().storageProblem!;
    const onRetried = vi.fn(() => ui.getState().clearStorageProblem());
    const { rerender } = render(<StorageErrorScreen problem={block} onRetried={onRetried} onReload={() => undefined} />);
    expect(screen.getByTestId('storage-kept').textContent).toBe(
      '2 entries are kept on screen: 87.5 % OEE · 12 Scrap. Try again once the problem is fixed: they are saved in this order.',
    );
    expect(screen.getAllByTestId('storage-retry')).toHaveLength(1);
    expect(screen.queryByTestId('storage-reload')).toBeNull();

    act(() => languageStore.getState().setLanguage('de'));
    rerender(<StorageErrorScreen problem={block} onRetried={onRetried} onReload={() => undefined} />);
    expect(screen.getByTestId('storage-kept').textContent).toContain('2 Einträge bleiben auf dem Bildschirm: 87.5 % OEE · 12 Scrap.');

    fireEvent.click(screen.getByTestId('storage-retry'));
    await waitFor(() => expect(onRetried).toHaveBeenCalled());
    expect(written).toEqual(['oee', 'scrap']);
    expect(ui.getState().storageProblem).toBeNull();
  });

  it('the screen’s own words exist in German for every English key, with the same placeholders', () => {
    const { en, de } = storageText.tables;
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(de[key].match(/\{\w+\}/g)?.sort()).toEqual(en[key].match(/\{\w+\}/g)?.sort());
    }
  });
});
