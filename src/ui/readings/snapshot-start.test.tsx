// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../app.tsx';
import type { FloorDatabase, TierboardDatabase } from '../../db/database.ts';
import { newId } from '../../domain/records/ids.ts';
import { shiftInstanceAt } from '../../domain/shift/shift-calendar.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createSessionStore, SESSION_KEY } from '../../state/session-store.ts';
import { createUiStore } from '../../state/ui-store.ts';
import { openSeededDatabase, seededRandom, signInWithPin, TEST_NOW } from '../testing/test-app.tsx';
import { testKpi, testLead, testLine, testPattern, testPerson, testPlant } from '../../db/testing/test-fixtures.ts';
import type { LineSetup } from '../../db/readings/reading-data.ts';
import { press } from '../testing/test-taps.ts';
import { readingSnapshots } from './reading-snapshot.ts';
import { resetReadinessForTests } from './readiness.ts';
import { preloadReadingScreen } from './reading-screen.tsx';

// The number pad loads after the screen is up (it is not in the first screen's budget); tests tap at once.
beforeAll(preloadReadingScreen);

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const setup: LineSetup = { plant: testPlant(), line: testLine(), pattern: testPattern(), defs: [testKpi()], roster: [testPerson(), testLead()] };
const shift = shiftInstanceAt(setup.plant, setup.pattern, setup.line.id, new Date(TEST_NOW));

/** A reading recorded an hour ago in this shift: in the database and in the snapshot alike. */
const earlierToday: KpiReading = {
  id: newId(TEST_NOW - 3_600_000, seededRandom(7)),
  kpiId: 'kpi-oee',
  plantId: 'plant-t',
  lineId: 'line-t1',
  shiftCode: shift.shiftCode,
  productionDate: shift.productionDate,
  value: 78.5,
  personId: 'person-ana',
  deviceId: 'DEVICE-TEST',
  recordedAt: new Date(TEST_NOW - 3_600_000).toISOString(),
  clockOffsetMs: 0,
  note: '',
  supersedes: '',
  correctionReason: '',
  receivedAt: '',
};

/** The app as main.tsx starts it: the database promise resolves only when the test says so. */
async function startWithSnapshot(opts: { snapshot: boolean }) {
  const { db } = await openSeededDatabase(undefined, undefined, setup.roster);
  open.push(db);
  await db.kpi_readings.insert(earlierToday);

  const storage = memoryStorage({ [SESSION_KEY]: JSON.stringify({ deviceId: 'DEVICE-TEST', plantId: 'plant-t', lineId: 'line-t1' }) });
  const snapshots = readingSnapshots(storage);
  if (opts.snapshot) {
    snapshots.record({ setup, shift, readings: [earlierToday], earlier: new Map() });
    snapshots.flush();
  }
  let openDatabase: (db: FloorDatabase) => void = () => undefined;
  const opening = new Promise<FloorDatabase>((resolve) => (openDatabase = resolve));
  const ui = createUiStore();
  const random = seededRandom();
  const session = createSessionStore({ storage, nowMs: TEST_NOW, random });
  resetReadinessForTests();
  render(
    <App session={session} ui={ui} openDb={() => opening} clock={{ now: () => TEST_NOW }} random={random} withSync={false} snapshots={snapshots} />,
  );
  return { db, ui, storage, snapshots, open: () => act(() => openDatabase(db)) };
}

/** Lets every promise and effect that can run, run (nothing here waits on a timer). */
async function settle() {
  for (let i = 0; i < 5; i++) await act(() => Promise.resolve());
}

describe('a start from the snapshot of what the reading screen showed last time', () => {
  it('is interactive before the database opens; Save waits for it, and "Saved" shows only once the reading is in the database', async () => {
    const { db, ui, open: openDb } = await startWithSnapshot({ snapshot: true });
    // Interactive at once, without the database: the roster comes from the snapshot.
    expect(window.__tierboard?.ready).toBe(true);
    expect(performance.getEntriesByName('tb-interactive').length).toBeGreaterThan(0);
    // A lead: the tap below opens a correction, a lead's step.
    await signInWithPin('person-lea');
    expect(screen.getByTestId('shift-header').textContent).toContain('Shift E · Early');
    const listed = screen.getByTestId(`reading-${earlierToday.id}`);
    expect(listed.textContent).toContain('78.5 %');
    expect(screen.getByTestId('kpi-kpi-oee').getAttribute('data-recorded')).toBe('true');

    // What happens in order: the write becoming durable, the confirmation.
    const events: string[] = [];
    const insert = db.kpi_readings.insert.bind(db.kpi_readings);
    db.kpi_readings.insert = (async (doc: KpiReading) => {
      const inserted = await insert(doc);
      events.push('durable');
      return inserted;
    }) as typeof db.kpi_readings.insert;
    ui.subscribe((s) => {
      if (s.toasts.some((t) => t.kind === 'saved') && !events.includes('saved')) events.push('saved');
    });

    // OEE has a value this shift: its tile opens a correction of it (one value per KPI and shift).
    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    // However long the database takes (here: a whole minute on the pad's timers), nothing is confirmed early.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    press('pad-clear', 'pad-8', 'pad-7', 'pad-dot', 'pad-5', 'reason-recount', 'pad-save');
    await settle();
    await act(() => {
      vi.advanceTimersByTime(60_000);
    });
    vi.useRealTimers();
    // Not durable yet, so not confirmed: the pad stays up with the entry.
    expect(events).toEqual([]);
    expect(screen.queryByTestId('saved-toast')).toBeNull();
    expect(screen.getByTestId('pad-display').textContent).toBe('87.5%');
    expect(await db.kpi_readings.count().exec()).toBe(1);

    await openDb();
    const toast = await screen.findByTestId('saved-toast');
    expect(toast.textContent).toContain('Corrected · 87.5 % OEE · 10:00');
    expect(events).toEqual(['durable', 'saved']);
    const stored = (await db.kpi_readings.find().exec()).map((d) => d.toMutableJSON());
    expect(stored.map((r) => r.value).sort()).toEqual([78.5, 87.5]);
    expect(stored.find((r) => r.value === 87.5)?.supersedes).toBe(earlierToday.id);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const saved = stored.find((r) => r.value === 87.5)!;
    expect((await screen.findByTestId(`reading-${saved.id}`)).textContent).toContain('87.5 %');
    // The live list took over the snapshot's: the same element, not a new screen.
    expect(screen.getByTestId(`reading-${earlierToday.id}`)).toBe(listed);
  });

  it('keeps what is typed in an open pad when the database opens underneath it', async () => {
    const { open: openDb } = await startWithSnapshot({ snapshot: true });
    await signInWithPin('person-lea');
    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    press('pad-clear', 'pad-9', 'pad-1', 'reason-typo');
    await openDb();
    await settle();
    expect(screen.getByTestId('pad-display').textContent).toBe('91%');
    press('pad-save');
    expect((await screen.findByTestId('saved-toast')).textContent).toContain('91.0 % OEE');
  });

  it('without a snapshot waits for the database, as on a first start', async () => {
    const { open: openDb, snapshots } = await startWithSnapshot({ snapshot: false });
    await settle();
    expect(window.__tierboard?.ready).toBeUndefined();
    expect(screen.queryByTestId('operator-picker')).toBeNull();
    await openDb();
    await waitFor(() => expect(window.__tierboard?.ready).toBe(true));
    await signInWithPin();
    expect((await screen.findByTestId(`reading-${earlierToday.id}`)).textContent).toContain('78.5 %');
    // What the screen now shows becomes the next start's snapshot.
    snapshots.flush();
    expect(snapshots.read('plant-t', 'line-t1', TEST_NOW)?.readings.map((r) => r.id)).toEqual([earlierToday.id]);
  });
});
