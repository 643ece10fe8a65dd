// @vitest-environment happy-dom
/**
 * A reading the server refused, on the screen where it was made: marked as refused with the reason
 * and the way forward, never counted (the tile falls back to what the server holds), and given up
 * only by a person's Discard. The refusals come from the sync status as the sync client writes it.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TierboardDatabase } from '../../db/database.ts';
import { refusedRecordsFrom } from '../../db/refused-records.ts';
import { shiftInstanceAt } from '../../domain/shift/shift-calendar.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createSessionStore } from '../../state/session-store.ts';
import { createUiStore } from '../../state/ui-store.ts';
import { createSyncStatusStore, type RefusedEntry, type SyncStatusStore } from '../../sync/status.ts';
import { TEST_NOW, openSeededDatabase, seededRandom } from '../testing/test-app.tsx';
import { testLead, testPerson } from '../../db/testing/test-fixtures.ts';
import { resetReadinessForTests } from './readiness.ts';
import { ReadingScreen, preloadReadingScreen } from './reading-screen.tsx';
import { rxReadingData } from '../../db/readings/rx-reading-data.ts';

beforeAll(preloadReadingScreen);

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  while (open.length) await open.pop()?.close();
});

/** The sync client's part, by hand: a refusal arrives, and Discard marks it discarded as the log does. */
function refusals(status: SyncStatusStore) {
  const refuse = (id: string) => {
    const entry: RefusedEntry = { collection: 'kpi_readings', id, error: 'not_allowed', message: 'Lea Brandt: A shift lead cannot correct KPI readings.', atMs: TEST_NOW };
    const refused = [...status.getState().refused, entry];
    status.setState({ refused, rejected: refused.filter((r) => r.discardedAtMs === undefined).length });
  };
  status.setState({
    discardRefused: (collection, id, by) => {
      const refused = status.getState().refused.map((r) => (r.collection === collection && r.id === id ? { ...r, discardedAtMs: TEST_NOW, discardedBy: by } : r));
      status.setState({ refused, rejected: refused.filter((r) => r.discardedAtMs === undefined).length });
      return Promise.resolve();
    },
  });
  return { refuse };
}

async function renderAs(personId: string) {
  const { db } = await openSeededDatabase(undefined, undefined, [testPerson(), testLead()]);
  open.push(db);
  const status = createSyncStatusStore();
  const data = rxReadingData(db, refusedRecordsFrom(status));
  const setup = (await data.loadLineSetup('plant-t', 'line-t1'))!;
  const shift = shiftInstanceAt(setup.plant, setup.pattern, setup.line.id, new Date(TEST_NOW));
  resetReadinessForTests();
  const random = seededRandom();
  const session = createSessionStore({ storage: memoryStorage(), nowMs: TEST_NOW, random });
  session.getState().signIn(personId, TEST_NOW);
  render(<ReadingScreen setup={setup} data={data} session={session} ui={createUiStore()} clock={{ now: () => TEST_NOW }} random={random} onAbout={() => undefined} />);
  const reading = (id: string, value: number, over: Partial<KpiReading> = {}): KpiReading => ({
    id,
    kpiId: 'kpi-oee',
    plantId: 'plant-t',
    lineId: 'line-t1',
    shiftCode: shift.shiftCode,
    productionDate: shift.productionDate,
    value,
    personId: 'person-ana',
    deviceId: 'DEVICE-TEST',
    recordedAt: new Date(TEST_NOW - 600_000).toISOString(),
    clockOffsetMs: 0,
    note: '',
    supersedes: '',
    correctionReason: '',
    receivedAt: '',
    ...over,
  });
  return { db, status, data, reading, ...refusals(status) };
}

const tileValue = () => screen.getByTestId('kpi-kpi-oee').querySelector('.kpi-value')?.textContent;

describe('a refused reading on the screen where it was made', () => {
  it('a refused correction is marked refused with the reason and who may make it; the tile shows the value it tried to supersede', async () => {
    const app = await renderAs('person-lea');
    await app.db.kpi_readings.insert(app.reading('r-old', 80));
    const fix = app.reading('r-fix', 90, { personId: 'person-lea', supersedes: 'r-old', correctionReason: 'Typing error', recordedAt: new Date(TEST_NOW - 60_000).toISOString() });
    await app.db.kpi_readings.insert(fix);
    await waitFor(() => expect(tileValue()).toBe('90.0 %'));

    act(() => app.refuse('r-fix'));
    await waitFor(() => expect(tileValue()).toBe('80.0 %'));
    const item = screen.getByTestId('reading-r-fix');
    expect(item.getAttribute('data-refused')).toBe('true');
    expect(item.textContent).toContain('Refused – not saved');
    expect(screen.getByTestId('refused-reason-r-fix').textContent).toBe(
      'The server refused this correction: Lea Brandt may not correct KPI readings. The value before it still counts.',
    );
    expect(screen.getByTestId('refused-way-r-fix').textContent).toBe(
      'Ask one of them to correct it: shift leads, supervisors and plant heads. Or discard this entry.',
    );
    // The reading it tried to supersede is the value again: not struck through.
    expect(screen.getByTestId('reading-r-old').getAttribute('data-superseded')).toBe('false');
    expect(app.status.getState().rejected).toBe(1);

    // Discard: the person's choice. The entry leaves the screen and the count, the old value still counts,
    // and the record is still on the device.
    fireEvent.click(screen.getByTestId('refused-r-fix-discard'));
    expect(app.status.getState().rejected).toBe(1); // asked first
    fireEvent.click(screen.getByTestId('refused-r-fix-discard-yes'));
    await waitFor(() => expect(screen.queryByTestId('reading-r-fix')).toBeNull());
    expect(app.status.getState().rejected).toBe(0);
    expect(app.status.getState().refused.find((r) => r.id === 'r-fix')?.discardedBy).toBe('person-lea');
    expect(tileValue()).toBe('80.0 %');
    expect(await app.db.kpi_readings.findOne('r-fix').exec()).not.toBeNull();
  });

  it('a refused new reading gives no value, and is not the "last value" either', async () => {
    const app = await renderAs('person-ana');
    await app.db.kpi_readings.insert(app.reading('r-new', 75));
    await waitFor(() => expect(tileValue()).toBe('75.0 %'));
    act(() => app.refuse('r-new'));
    await waitFor(() => expect(tileValue()).toBe('—'));
    expect(screen.getByTestId('reading-r-new').getAttribute('data-refused')).toBe('true');
    expect(screen.getByTestId('refused-reason-r-new').textContent).toBe(
      'The server refused this reading: Ana Weber may not record KPI readings at this line. It does not count.',
    );
    expect(await app.data.recentLineReadings('line-t1', '2026-01-01')).toEqual([]);
  });
});
