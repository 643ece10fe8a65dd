/**
 * The board's data with its digest, on a real RxDB database and a real
 * (fake-indexeddb) digest store: the first start reads the readings and saves
 * a digest; the next starts restore it without reading the window, catch up
 * with what was written meanwhile, and fall back to the readings whenever the
 * digest does not fit or cannot be written.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openBoardDigestStore, type BoardDigestStore } from './board-digest-store.ts';
import type { TierboardDatabase } from '../database.ts';
import { seedIfEmpty } from '../seed.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { Escalation, EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import { escalationBoard } from '../../domain/board/escalation-board-order.ts';
import { DEFAULT_TIER_LADDER } from '../../domain/escalation/escalation-timers.ts';
import { testKpi, testLine, testPattern, testPerson, testPlant } from '../testing/test-fixtures.ts';
import { createBoardData, type BoardData } from './board-data.ts';
import { refusedRecordsFrom } from '../../db/refused-records.ts';
import { createSyncStatusStore, type SyncStatusStore } from '../../sync/status.ts';

const NOW = Date.UTC(2026, 2, 20, 11, 0); // noon in Berlin, 20 March
const open: { db: TierboardDatabase; store: BoardDigestStore; boards: BoardData[] }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    for (const b of o.boards) b.stop();
    o.store.close();
    await o.db.close();
  }
  vi.restoreAllMocks();
});

function reading(id: string, date: string, value: number, over: Partial<KpiReading> = {}): KpiReading {
  return {
    id, kpiId: 'kpi-fpy', plantId: 'plant-t', lineId: 'line-t1', shiftCode: 'E', productionDate: date, value, personId: 'person-ana', deviceId: 'DEV-T',
    recordedAt: `${date}T12:00:00.000Z`, clockOffsetMs: 0, note: '', supersedes: '', correctionReason: '', receivedAt: '',
    ...over,
  };
}

const fpy = testKpi({ id: 'kpi-fpy', code: 'T1-FPY', name: 'First pass yield', category: 'quality', target: 98, amberThreshold: 97, redThreshold: 95 });
const scrap = testKpi({ id: 'kpi-scrap', code: 'T1-SCR', name: 'Scrap', category: 'cost', direction: 'lower_is_better', target: 2, amberThreshold: 3, redThreshold: 4 });

async function setUp(store?: BoardDigestStore) {
  const db = await openTestDatabase({ devMode: false });
  const digests = store ?? openBoardDigestStore(db.name, { indexedDB, IDBKeyRange });
  const entry = { db, store: digests, boards: [] as BoardData[] };
  open.push(entry);
  await seedIfEmpty(db, {
    plants: [testPlant({ timeZone: 'Europe/Berlin' })],
    lines: [testLine()],
    shift_patterns: [testPattern()],
    people: [testPerson()],
    kpi_definitions: [fpy, scrap],
    kpi_readings: [reading('r1', '2026-03-18', 99), reading('r2', '2026-03-19', 90), reading('r3', '2026-03-19', 1.5, { kpiId: 'kpi-scrap' })],
  });
  /** Starts a board and resolves once its state is built; `clock`: the database's write clock as the board sees it. */
  const start = async (clock: () => number = () => Date.now(), status: SyncStatusStore = createSyncStatusStore()) => {
    const board = createBoardData(db, 'plant-t', () => NOW, { digests, writeClock: clock, refused: refusedRecordsFrom(status) });
    entry.boards.push(board);
    await vi.waitFor(() => expect(board.get().board).not.toBeNull());
    return board;
  };
  return { db, digests, start };
}

/** Calls of the spied find that read the board's window of readings (the catch-up asks by write time instead). */
const windowReads = (find: { mock: { calls: unknown[][] } }) => find.mock.calls.filter(([q]) => JSON.stringify(q).includes('productionDate')).length;
const tileValue = (b: BoardData, kpiId = 'kpi-fpy') => b.get().board?.tiles.get(kpiId)?.value;
const savedDigest = (store: BoardDigestStore) => vi.waitFor(async () => expect(await store.load('plant-t', '2026-01-01')).not.toBeNull());

describe('board data with a digest', () => {
  it('the first start reads the readings and saves a digest; the next start restores it without reading the window', async () => {
    const { db, digests, start } = await setUp();
    const find = vi.spyOn(db.kpi_readings, 'find');
    const first = await start();
    expect(windowReads(find)).toBe(1);
    expect(tileValue(first)).toBe(90);
    await savedDigest(digests);
    const saved = await digests.load('plant-t', '2026-01-01');
    expect(saved?.days.map((d) => d.date)).toEqual(['2026-03-18', '2026-03-19']);
    first.stop();

    find.mockClear();
    const second = await start();
    expect(windowReads(find)).toBe(0);
    expect(tileValue(second)).toBe(90);
    expect(second.get().board?.calendar).toEqual(first.get().board?.calendar);
  });

  it('shows the latest shift of the plant\'s pattern on the tile, not the newest tap: a late correction of shift E keeps shift L\'s red', async () => {
    const { db, digests, start } = await setUp();
    await db.kpi_readings.bulkInsert([
      reading('e', '2026-03-20', 97.9, { recordedAt: '2026-03-20T12:50:00.000Z' }),
      reading('l', '2026-03-20', 90, { shiftCode: 'L', recordedAt: '2026-03-20T20:50:00.000Z' }),
      reading('e-fix', '2026-03-20', 99, { supersedes: 'e', recordedAt: '2026-03-20T21:10:00.000Z' }),
    ]);
    const first = await start();
    expect(first.get().board?.tiles.get('kpi-fpy')).toMatchObject({ value: 90, valueShift: 'L', status: 'red' });
    await savedDigest(digests);
    first.stop();
    // Restored from the digest: the same choice (the digest keeps readings; the order comes from the pattern).
    const again = await start();
    expect(again.get().board?.tiles.get('kpi-fpy')).toMatchObject({ value: 90, valueShift: 'L', status: 'red' });
  });

  it('catches up with readings written while no board was running, corrections included', async () => {
    const { db, digests, start } = await setUp();
    (await start()).stop();
    await savedDigest(digests);
    await db.kpi_readings.bulkInsert([
      reading('r4', '2026-03-20', 97.5),
      reading('r2-fix', '2026-03-19', 99.5, { supersedes: 'r2', recordedAt: '2026-03-19T13:00:00.000Z' }),
    ]);
    const find = vi.spyOn(db.kpi_readings, 'find');
    const board = await start();
    expect(windowReads(find)).toBe(0);
    expect(tileValue(board)).toBe(97.5);
    expect(board.get().board?.tiles.get('kpi-fpy')?.trend30.points.at(-2)).toEqual({ date: '2026-03-19', value: 99.5, state: 'green' });
  });

  it('writes the days live readings touched, so a digest saved later needs no catch-up for them', async () => {
    // The write clock an hour ahead: the catch-up after the save then reads nothing written now, so
    // what the second start shows of the live reading can only come from the saved day.
    const ahead = () => Date.now() + 3_600_000;
    const { db, digests, start } = await setUp();
    const first = await start(ahead);
    await savedDigest(digests);
    await db.kpi_readings.insert(reading('live-1', '2026-03-20', 96));
    await vi.waitFor(() => expect(tileValue(first)).toBe(96));
    first.stop(); // saves what the live readings changed
    await vi.waitFor(async () => expect((await digests.load('plant-t', '2026-03-20'))?.days.map((d) => d.date)).toEqual(['2026-03-20']));
    const find = vi.spyOn(db.kpi_readings, 'find');
    const second = await start(ahead);
    expect(windowReads(find)).toBe(0);
    expect(tileValue(second)).toBe(96);
  });

  it('reads the readings again when the digest does not fit (a KPI switched on since)', async () => {
    const { db, digests, start } = await setUp();
    (await start()).stop();
    await savedDigest(digests);
    await db.kpi_definitions.insert(testKpi({ id: 'kpi-oee', code: 'T1-OEE', name: 'OEE', category: 'delivery' }));
    await db.kpi_readings.insert(reading('r5', '2026-03-19', 70, { kpiId: 'kpi-oee' }));
    const find = vi.spyOn(db.kpi_readings, 'find');
    const board = await start();
    expect(windowReads(find)).toBe(1);
    expect(tileValue(board, 'kpi-oee')).toBe(70);
  });

  it('a digest that cannot be written costs nothing but speed: the board shows its data and says nothing', async () => {
    const real = openBoardDigestStore(`broken-${Math.random()}`, { indexedDB, IDBKeyRange });
    const full: BoardDigestStore = { ...real, save: () => Promise.reject(new DOMException('The disk is full', 'QuotaExceededError')) };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { db, start } = await setUp(full);
    const first = await start();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(first.get().error).toBe('');
    expect(tileValue(first)).toBe(90);
    first.stop();
    const find = vi.spyOn(db.kpi_readings, 'find');
    const second = await start();
    expect(windowReads(find)).toBe(1);
    expect(tileValue(second)).toBe(90);
  });
});

describe('readings the server refused never count on the board', () => {
  const refuse = (status: SyncStatusStore, id: string, discarded = false) =>
    status.setState({
      refused: [{ collection: 'kpi_readings', id, error: 'not_allowed', message: 'No.', atMs: NOW, ...(discarded ? { discardedAtMs: NOW, discardedBy: 'person-lea' } : {}) }],
    });

  it('a refused correction: the tile falls back to the reading it tried to supersede, live and after a restart from the digest', async () => {
    const { db, digests, start } = await setUp();
    const status = createSyncStatusStore();
    const board = await start(undefined, status);
    await db.kpi_readings.insert(reading('r2-fix', '2026-03-19', 96, { supersedes: 'r2', recordedAt: '2026-03-19T12:30:00.000Z' }));
    await vi.waitFor(() => expect(tileValue(board)).toBe(96));
    await savedDigest(digests);
    board.stop();

    refuse(status, 'r2-fix');
    const again = await start(undefined, status);
    expect(tileValue(again)).toBe(90);

    // Live: the refusal arrives while the board runs.
    const live = createSyncStatusStore();
    const third = await start(undefined, live);
    expect(tileValue(third)).toBe(96);
    refuse(live, 'r2-fix');
    await vi.waitFor(() => expect(tileValue(third)).toBe(90));
    // Discarded, it still does not count.
    refuse(live, 'r2-fix', true);
    await vi.waitFor(() => expect(tileValue(third)).toBe(90));
  });

  it('a refused new reading gives no value', async () => {
    const { db, start } = await setUp();
    const status = createSyncStatusStore();
    refuse(status, 'r-new');
    const board = await start(undefined, status);
    await db.kpi_readings.insert(reading('r-new', '2026-03-20', 80, { kpiId: 'kpi-scrap' }));
    await db.kpi_readings.insert(reading('r-ok', '2026-03-20', 97));
    await vi.waitFor(() => expect(tileValue(board)).toBe(97));
    expect(tileValue(board, 'kpi-scrap')).toBe(1.5);
  });

  it('[C-D1] readings purged outside the window leave the board as it was: live, restored from its digest, and built from the readings', async () => {
    const { db, digests, start } = await setUp();
    const stored = { receivedAt: '2026-01-06T08:00:00.000Z' };
    // Older than any window (and than the board's): January's readings, stored by the server.
    await db.kpi_readings.bulkInsert([reading('jan-1', '2026-01-05', 80, stored), reading('jan-2', '2026-01-06', 2.5, { ...stored, kpiId: 'kpi-scrap' })]);
    const shown = (b: BoardData) => {
      const board = b.get().board;
      return { calendar: board?.calendar, tiles: [...(board?.tiles ?? new Map()).entries()] };
    };
    const live = await start();
    await savedDigest(digests);
    const before = shown(live);
    const { purgeOutsideWindow } = await import('../retention/purge-outside-window.ts');
    expect(await purgeOutsideWindow(db, 'wall_screen', NOW)).toEqual({ kpi_readings: 2, handovers: 0 });
    expect(await db.kpi_readings.findOne('jan-1').exec()).toBeNull();
    await db.kpi_readings.insert(reading('after', '2026-03-20', 97));
    await vi.waitFor(() => expect(tileValue(live)).toBe(97));
    const after = shown(live);
    live.stop();
    const restored = await start();
    expect(shown(restored)).toEqual(after);
    restored.stop();
    const rebuilt = createBoardData(db, 'plant-t', () => NOW, { digests: null, writeClock: () => Date.now(), refused: refusedRecordsFrom(createSyncStatusStore()) });
    open.at(-1)?.boards.push(rebuilt);
    await vi.waitFor(() => expect(rebuilt.get().board).not.toBeNull());
    expect(shown(rebuilt)).toEqual(after);
    // Nothing of what the board showed before changed but the new day's reading.
    expect(before.calendar?.categories.cost).toEqual(after.calendar?.categories.cost);
  });
});

describe('[C-O6] escalation steps the server refused never count on the board', () => {
  const header: Escalation = {
    id: 'esc-1', plantId: 'plant-t', lineId: 'line-t1', category: 'machine', severity: 'high', description: 'Clamp jams', photo: '',
    raisedBy: 'person-ana', raisedAt: new Date(NOW - 50 * 60_000).toISOString(), deviceId: 'DEV-T', receivedAt: '',
  };
  const step = (id: string, type: EscalationEvent['type'], minutesAgo: number): EscalationEvent => ({
    id, escalationId: 'esc-1', plantId: 'plant-t', type, at: new Date(NOW - minutesAgo * 60_000).toISOString(), personId: 'person-ana',
    deviceId: 'DEV-T', tier: 0, toPersonId: '', comment: '', whys: [], rootCause: '', action: '', receivedAt: '',
  });
  const stateOn = (b: BoardData) => {
    const snap = b.get();
    return escalationBoard(snap.escalations, snap.events, DEFAULT_TIER_LADDER, NOW).map((x) => [x.view.state, x.overdue]);
  };

  it('a refused acknowledgement leaves the escalation unanswered and overdue on the board, without building the tiles again', async () => {
    const { db, start } = await setUp();
    const status = createSyncStatusStore();
    await db.escalations.insert(header);
    await db.escalation_events.insert(step('raise-1', 'raised', 50));
    await db.escalation_events.insert(step('ack-1', 'acknowledged', 45));
    const board = await start(undefined, status);
    await vi.waitFor(() => expect(stateOn(board)).toEqual([['acknowledged', false]]));
    const find = vi.spyOn(db.kpi_readings, 'find');

    status.setState({ refused: [{ collection: 'escalation_events', id: 'ack-1', error: 'not_allowed', message: 'No.', atMs: NOW }] });
    await vi.waitFor(() => expect(stateOn(board)).toEqual([['open', true]]));
    expect(board.get().events.map((e) => e.id)).toEqual(['raise-1']);
    // Only escalation steps changed: the readings' index is not built again.
    expect(windowReads(find)).toBe(0);

    // A refused raise takes the escalation off the board.
    status.setState({ refused: [...status.getState().refused, { collection: 'escalations', id: 'esc-1', error: 'not_allowed', message: 'No.', atMs: NOW }] });
    await vi.waitFor(() => expect(stateOn(board)).toEqual([]));
  });
});
