// @vitest-environment happy-dom
/**
 * The plant board on a real RxDB database (fake-indexeddb): calendar day
 * colouring in the plant's time zone, days without readings, live readings
 * applied in place, the stale notice, key navigation and the tier meeting's
 * "Note action", with the sign-in step a wall screen asks for (SPEC [P4]).
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TierboardDatabase } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing/test-database.ts';
import { seedIfEmpty } from '../../db/seed.ts';
import { parseHlc } from '../../domain/merge/hlc.ts';
import type { DeviceKind } from '../../domain/people/people-types.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import { createSyncStatusStore, setPending, type SyncStatusStore } from '../../sync/status.ts';
import { languageStore } from '../i18n/language.ts';
import { createUiStore, type UiStore } from '../../state/ui-store.ts';
import { testKpi, testLine, testPattern, testPerson, testPlant } from '../../db/testing/test-fixtures.ts';
import { PlantBoard } from './plant-board.tsx';

const open: TierboardDatabase[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await Promise.all(open.splice(0).map((db) => db.close()));
});

function reading(over: Partial<KpiReading> & Pick<KpiReading, 'id' | 'kpiId' | 'productionDate' | 'value'>): KpiReading {
  return {
    plantId: 'plant-t', lineId: 'line-t1', shiftCode: 'E', personId: 'person-ana', deviceId: 'DEV-T',
    recordedAt: `${over.productionDate}T12:00:00.000Z`, clockOffsetMs: 0, note: '', supersedes: '', correctionReason: '', receivedAt: '',
    ...over,
  };
}

/** Safety: lower is better, target 0 incidents, any incident is red. Quality: FPY, higher is better. */
const safety = testKpi({ id: 'kpi-inc', code: 'T1-INC', name: 'Incidents', category: 'safety', direction: 'lower_is_better', target: 0, amberThreshold: 0.5, redThreshold: 1, unit: 'incidents', decimals: 0, frequency: 'daily', indicator: 'lagging' });
const quality = testKpi({ id: 'kpi-fpy', code: 'T1-FPY', name: 'First pass yield', category: 'quality', target: 98, amberThreshold: 97, redThreshold: 95, indicator: 'leading' });

async function seeded(timeZone: string, readings: KpiReading[]) {
  const db = await openTestDatabase({ devMode: false });
  open.push(db);
  await seedIfEmpty(db, {
    plants: [testPlant({ timeZone, locale: 'en-GB', tierLadder: [{ tier: 1, label: 'line lead', role: 'shift_lead', afterMinutes: 0 }, { tier: 2, label: 'maintenance', role: 'responder', afterMinutes: 30 }] })],
    lines: [testLine()],
    shift_patterns: [testPattern()],
    // Both sign with the demo PIN 1234 (the fixture's hash).
    people: [testPerson(), testPerson({ id: 'person-bo', name: 'Bo Lind', badge: '1002', role: 'supervisor' })],
    kpi_definitions: [safety, quality],
    kpi_readings: readings,
  });
  return db;
}

function mount(
  db: TierboardDatabase,
  startMs: number,
  extra: { syncStatus?: SyncStatusStore; settings?: Record<string, number>; ui?: UiStore; deviceKind?: DeviceKind; signedInPersonId?: string } = {},
) {
  const clock = { t: startMs, now() { return this.t; } };
  const view = render(<PlantBoard db={db} plantId="plant-t" clock={clock} kiosk={false} deviceId="DEVICE-WALL" random={() => 0.25} {...extra} />);
  const advance = async (ms: number) => {
    for (let left = ms; left > 0; left -= 1000) {
      clock.t += Math.min(1000, left);
      await act(() => {
        vi.advanceTimersByTime(Math.min(1000, left));
      });
    }
  };
  return { ...view, clock, advance };
}

/** A day cell of one category's letter (every letter has a cell per day). */
const cell = (date: string, category = 'safety') => screen.getByTestId(`cal-${category}`).querySelector(`[data-testid="cal-day-${date}"]`) as HTMLElement;

describe('SQDCP calendar colouring', () => {
  it('places days in the plant time zone: late evening in Chicago is still yesterday there, though UTC has moved on', async () => {
    const db = await seeded('America/Chicago', [
      reading({ id: 'r1', kpiId: 'kpi-inc', productionDate: '2026-03-01', value: 0 }),
      reading({ id: 'r2', kpiId: 'kpi-fpy', productionDate: '2026-03-01', value: 99 }),
    ]);
    // 2026-03-02 04:30 UTC = 2026-03-01 22:30 in Chicago.
    mount(db, Date.UTC(2026, 2, 2, 4, 30));
    await screen.findByTestId('board-page-calendar');
    expect(cell('2026-03-01').dataset.state).toBe('green');
    expect(cell('2026-03-01').dataset.today).toBe('true');
    expect(cell('2026-03-02').dataset.state).toBe('future');
    expect(cell('2026-03-02').dataset.today).toBeUndefined();
    expect(screen.getByTestId('board-page-calendar').textContent).toContain('March 2026');
  });

  it('the same moment in Berlin is already the 2nd: the 1st has no readings there and is grey, not green', async () => {
    const db = await seeded('Europe/Berlin', [reading({ id: 'r1', kpiId: 'kpi-inc', productionDate: '2026-03-02', value: 0 })]);
    mount(db, Date.UTC(2026, 2, 2, 4, 30)); // 05:30 in Berlin
    await screen.findByTestId('board-page-calendar');
    expect(cell('2026-03-02').dataset.today).toBe('true');
    expect(cell('2026-03-02').dataset.state).toBe('green');
    expect(cell('2026-03-01').dataset.state).toBe('none');
    expect(cell('2026-03-01').getAttribute('aria-label')).toBe('1: no data');
    // Quality has no reading at all today: grey too, and it counts as a day without data.
    expect(cell('2026-03-02', 'quality').dataset.state).toBe('none');
    expect(screen.getByTestId('cal-red-safety').textContent).toContain('0');
    expect(screen.getByTestId('cal-safety').querySelector('.cal-nodata')?.textContent).toBe('1 day without data');
    expect(screen.getByTestId('cal-quality').querySelector('.cal-nodata')?.textContent).toBe('2 days without data');
  });

  it('one red slot makes the day red, is counted, and a live reading recolours only its cell', async () => {
    const db = await seeded('Europe/Berlin', [
      reading({ id: 'r1', kpiId: 'kpi-inc', productionDate: '2026-03-03', value: 0 }),
      reading({ id: 'r2', kpiId: 'kpi-inc', productionDate: '2026-03-04', value: 2 }),
    ]);
    mount(db, Date.UTC(2026, 2, 5, 10, 0));
    await screen.findByTestId('board-page-calendar');
    const safetyCell = (d: string) => cell(d);
    expect(safetyCell('2026-03-03').dataset.state).toBe('green');
    expect(safetyCell('2026-03-04').dataset.state).toBe('red');
    expect(safetyCell('2026-03-04').textContent).toContain('✕');
    expect(screen.getByTestId('cal-red-safety').textContent).toMatch(/^1\s*1 red day$/);
    const untouched = safetyCell('2026-03-03');

    await db.kpi_readings.insert(reading({ id: 'r3', kpiId: 'kpi-inc', productionDate: '2026-03-05', value: 1 }));
    await waitFor(() => expect(safetyCell('2026-03-05').dataset.state).toBe('red'));
    expect(screen.getByTestId('cal-red-safety').textContent).toMatch(/^2\s*2 red days$/);
    expect(safetyCell('2026-03-03')).toBe(untouched);
  });
});

describe('staleness', () => {
  it('says since when the server was not reached, keeps the data, and clears itself when the link is back', async () => {
    const db = await seeded('Europe/Berlin', [reading({ id: 'r1', kpiId: 'kpi-inc', productionDate: '2026-03-05', value: 0 })]);
    const start = Date.UTC(2026, 2, 5, 13, 32); // 14:32 in Berlin
    const status = createSyncStatusStore();
    status.setState({ auth: 'enrolled', running: true, online: true, lastSyncAtMs: start - 5_000 });
    const { advance, clock } = mount(db, start, { syncStatus: status, settings: { staleAfterMs: 60_000 } });
    await screen.findByTestId('board-page-calendar');
    await advance(1_000);
    expect(screen.queryByTestId('board-stale')).toBeNull();

    // The stream drops: no contact from 14:32:01 on.
    const unreachable = { kind: 'server_unreachable' as const, message: '', atMs: clock.t };
    status.setState({ lastError: unreachable, linkError: unreachable });
    await advance(59_000);
    expect(screen.queryByTestId('board-stale')).toBeNull();
    await advance(2_000);
    expect(screen.getByTestId('board-stale').textContent).toContain('Server not reached since 14:32');
    expect(cell('2026-03-05').dataset.state).toBe('green');

    status.setState({ lastError: null, linkError: null, lastSyncAtMs: clock.t });
    await advance(1_000);
    expect(screen.queryByTestId('board-stale')).toBeNull();
  });

  it('shows no stale alarm for a board on local data only (not enrolled), but says it is local', async () => {
    const db = await seeded('Europe/Berlin', []);
    const { advance } = mount(db, Date.UTC(2026, 2, 5, 10, 0), { settings: { staleAfterMs: 1_000 } });
    await screen.findByTestId('board-page-calendar');
    await advance(5_000);
    expect(screen.queryByTestId('board-stale')).toBeNull();
    expect(screen.getByTestId('plant-board').textContent).toContain('Local data');
  });
});

describe('rotation and tier meeting', () => {
  it('rotates by the dwell time; keys take over, step pages, pause rotation, and give it back after 2 minutes idle or Esc', async () => {
    const db = await seeded('Europe/Berlin', [reading({ id: 'r1', kpiId: 'kpi-fpy', productionDate: '2026-03-05', value: 96 })]);
    const { advance } = mount(db, Date.UTC(2026, 2, 5, 10, 0), { settings: { dwellMs: 10_000 } });
    const board = await screen.findByTestId('plant-board');
    await screen.findByTestId('board-page-calendar');
    expect(board.dataset.page).toBe('calendar');
    await advance(10_000);
    expect(screen.getByTestId('plant-board').dataset.page).toBe('tiles');
    await advance(10_000);
    expect(screen.getByTestId('plant-board').dataset.page).toBe('escalations');
    await advance(10_000);
    expect(screen.getByTestId('plant-board').dataset.page).toBe('calendar');

    fireEvent.keyDown(window, { key: 'PageDown' });
    await advance(0);
    expect(screen.getByTestId('plant-board').dataset.page).toBe('tiles');
    expect(screen.getByTestId('plant-board').dataset.meeting).toBe('true');
    expect(screen.getByTestId('board-meeting')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    await advance(1_000);
    expect(screen.getByTestId('plant-board').dataset.page).toBe('escalations');
    await advance(60_000);
    expect(screen.getByTestId('plant-board').dataset.page).toBe('escalations');

    fireEvent.keyDown(window, { key: 'Escape' });
    await advance(1_000);
    expect(screen.getByTestId('plant-board').dataset.meeting).toBe('false');

    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await advance(119_000);
    expect(screen.getByTestId('plant-board').dataset.meeting).toBe('true');
    await advance(2_000);
    expect(screen.getByTestId('plant-board').dataset.meeting).toBe('false');
  });

  it('marks a history day red, as the calendar does, when one shift missed though the mean of the shifts made target', async () => {
    const db = await seeded('Europe/Berlin', [
      reading({ id: 'e', kpiId: 'kpi-fpy', productionDate: '2026-03-04', shiftCode: 'E', value: 100 }),
      reading({ id: 'l', kpiId: 'kpi-fpy', productionDate: '2026-03-04', shiftCode: 'L', value: 96, recordedAt: '2026-03-04T20:50:00.000Z' }),
    ]);
    const { advance } = mount(db, Date.UTC(2026, 2, 5, 10, 0));
    await screen.findByTestId('board-page-calendar');
    expect(cell('2026-03-04', 'quality').dataset.state).toBe('red');
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await advance(0);
    const tile = await screen.findByTestId('tile-kpi-fpy');
    fireEvent.pointerDown(tile);
    fireEvent.click(tile);
    await screen.findByTestId('kpi-history');
    const day = [...screen.getByTestId('kpi-history-values').querySelectorAll('li')].find((li) => li.textContent?.includes('98.0 %'));
    expect(day?.querySelector('svg')?.dataset.shape).toBe('octagon');
  });

  it('opens a KPI history from its tile and notes an action with owner and due date, stamped by this device, for the person signed in on the tablet', async () => {
    const db = await seeded('Europe/Berlin', [
      reading({ id: 'r1', kpiId: 'kpi-fpy', productionDate: '2026-03-04', value: 99 }),
      reading({ id: 'r2', kpiId: 'kpi-fpy', productionDate: '2026-03-05', value: 97.5 }),
    ]);
    const { advance } = mount(db, Date.UTC(2026, 2, 5, 10, 0), { signedInPersonId: 'person-bo' });
    await screen.findByTestId('board-page-calendar');
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await advance(0);
    const tile = await screen.findByTestId('tile-kpi-fpy');
    expect(tile.dataset.status).toBe('amber');
    expect(screen.getByTestId('tile-value-kpi-fpy').textContent).toBe('97.5');
    expect(tile.textContent).toContain('FPY');
    expect(tile.textContent).toContain('LEAD');
    expect(tile.textContent).toContain('Ana Weber');

    fireEvent.pointerDown(tile);
    fireEvent.click(tile);
    const history = await screen.findByTestId('kpi-history');
    const values = screen.getByTestId('kpi-history-values').textContent ?? '';
    expect(values).toContain('97.5 %');
    expect(values).toContain('99.0 %');

    fireEvent.click(screen.getByTestId('history-note-action'));
    expect(history.isConnected).toBe(false);
    // Signed in on the tablet: no second sign-in.
    expect(screen.queryByTestId('note-action-sign-in')).toBeNull();
    expect(screen.getByTestId('action-noted-by').textContent).toBe('Noted by Bo Lind');
    fireEvent.click(screen.getByTestId('action-save'));
    expect(screen.getByTestId('action-problem').textContent).toContain('Fill in');
    fireEvent.input(screen.getByTestId('action-title'), { target: { value: 'FPY: check die wear on T1' } });
    fireEvent.change(screen.getByTestId('action-owner'), { target: { value: 'person-bo' } });
    expect((screen.getByTestId('action-due') as HTMLInputElement).value).toBe('2026-03-12');
    fireEvent.click(screen.getByTestId('action-save'));
    await waitFor(() => expect(screen.getByTestId('board-confirmation').textContent).toContain('Bo Lind'));

    const actions = (await db.improvement_actions.find().exec()).map((d) => d.toMutableJSON());
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ plantId: 'plant-t', title: 'FPY: check die wear on T1', ownerId: 'person-bo', due: '2026-03-12', status: 'todo', notedBy: 'person-bo' });
    expect(parseHlc(actions[0]?.hlc ?? '').nodeId).toBe('DEVICE-WALL');
    expect(actions[0]?.fieldClocks.title).toBe(actions[0]?.hlc);
  });
});

describe('[P4] noting an action on a wall screen', () => {
  afterEach(() => languageStore.getState().setLanguage('en'));

  /** Into the tier meeting (from the first page), open the FPY tile's history and press its "Note action". */
  async function noteActionFromTile(advance: (ms: number) => Promise<void>): Promise<void> {
    await screen.findByTestId('board-page-calendar');
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await advance(0);
    await noteAgain();
  }

  /** In the meeting, on the tiles page. */
  async function noteAgain(): Promise<void> {
    const tile = await screen.findByTestId('tile-kpi-fpy');
    fireEvent.pointerDown(tile);
    fireEvent.click(tile);
    await screen.findByTestId('kpi-history');
    fireEvent.click(screen.getByTestId('history-note-action'));
  }

  function typePin(pin: string): void {
    for (const d of pin) fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    fireEvent.click(screen.getByTestId('pin-submit'));
  }

  it('asks who notes it: an operator is told no, the supervisor signs with the PIN, the action names them, and nobody stays signed in', async () => {
    const db = await seeded('Europe/Berlin', [reading({ id: 'r1', kpiId: 'kpi-fpy', productionDate: '2026-03-05', value: 97.5 })]);
    const syncStatus = createSyncStatusStore();
    const { advance } = mount(db, Date.UTC(2026, 2, 5, 10, 0), { deviceKind: 'wall_screen', syncStatus, signedInPersonId: 'person-bo' });
    await noteActionFromTile(advance);

    // Even with a person in the session (none should be, on a wall screen) the screen asks.
    await screen.findByTestId('note-action-sign-in');
    expect(screen.queryByTestId('note-action')).toBeNull();
    fireEvent.click(screen.getByTestId('noter-person-ana'));
    expect(screen.getByTestId('note-sign-in-problem').textContent).toBe('Ana Weber cannot note improvement actions: shift leads, responders, supervisors, plant heads and enterprise roles can.');
    expect(screen.queryByTestId('note-pin')).toBeNull();

    fireEvent.click(screen.getByTestId('noter-person-bo'));
    typePin('9999');
    await waitFor(() => expect(screen.getByTestId('note-pin-message').dataset.kind).toBe('error'));
    expect(screen.queryByTestId('note-action')).toBeNull();
    typePin('1234');
    await screen.findByTestId('note-action', {}, { timeout: 5_000 });
    expect(screen.getByTestId('action-noted-by').textContent).toBe('Noted by Bo Lind');

    fireEvent.input(screen.getByTestId('action-title'), { target: { value: 'FPY: check die wear on T1' } });
    fireEvent.change(screen.getByTestId('action-owner'), { target: { value: 'person-ana' } });
    fireEvent.click(screen.getByTestId('action-save'));
    await waitFor(() => expect(screen.getByTestId('board-confirmation').textContent).toContain('Action noted for Ana Weber, due 2026-03-12'));
    const [action] = (await db.improvement_actions.find().exec()).map((d) => d.toMutableJSON());
    expect(action).toMatchObject({ title: 'FPY: check die wear on T1', ownerId: 'person-ana', notedBy: 'person-bo', status: 'todo' });

    // Not sent yet: the screen says it waits (the sync badge counts it); once sent, it stops saying so.
    expect(screen.queryByTestId('board-confirmation-waiting')).toBeNull();
    act(() => setPending(syncStatus, 'improvement_actions', 1));
    expect(screen.getByTestId('board-confirmation-waiting').textContent).toContain('waiting to be sent');
    act(() => setPending(syncStatus, 'improvement_actions', 0));
    expect(screen.queryByTestId('board-confirmation-waiting')).toBeNull();

    // Forgotten with the saved action: the next one asks again; a cancelled form forgets too.
    await noteAgain();
    await screen.findByTestId('note-action-sign-in');
    fireEvent.click(screen.getByTestId('noter-person-bo'));
    typePin('1234');
    await screen.findByTestId('note-action', {}, { timeout: 5_000 });
    fireEvent.click(screen.getByTestId('action-cancel'));
    await noteAgain();
    await screen.findByTestId('note-action-sign-in');
    expect(screen.queryByTestId('note-action')).toBeNull();
    fireEvent.click(screen.getByTestId('note-sign-in-cancel'));
    expect(screen.queryByTestId('note-action-sign-in')).toBeNull();
    expect(await db.improvement_actions.count().exec()).toBe(1);
  });

  it('signs by badge too, and tells a person without the role so in German', async () => {
    languageStore.getState().setLanguage('de');
    const db = await seeded('Europe/Berlin', [reading({ id: 'r1', kpiId: 'kpi-fpy', productionDate: '2026-03-05', value: 97.5 })]);
    const { advance } = mount(db, Date.UTC(2026, 2, 5, 10, 0), { deviceKind: 'wall_screen' });
    await noteActionFromTile(advance);
    await screen.findByTestId('note-action-sign-in');

    // Ana's badge: her name is known only after the PIN, so the refusal comes then.
    for (const d of '1001') fireEvent.click(screen.getByTestId(`badge-key-${d}`));
    fireEvent.click(screen.getByTestId('badge-submit'));
    await screen.findByTestId('sign-with-pin');
    typePin('1234');
    await waitFor(() => expect(screen.getByTestId('note-sign-in-problem').textContent).toBe('Ana Weber kann keine Verbesserungsmaßnahmen notieren; das können Schichtleiter, Responder, Meister, Werkleiter und Rollen des Unternehmens.'), { timeout: 5_000 });
    expect(screen.queryByTestId('note-action')).toBeNull();

    for (const d of '1002') fireEvent.click(screen.getByTestId(`badge-key-${d}`));
    fireEvent.click(screen.getByTestId('badge-submit'));
    await screen.findByTestId('sign-with-pin');
    typePin('1234');
    await screen.findByTestId('note-action', {}, { timeout: 5_000 });
    expect(screen.getByTestId('action-noted-by').textContent).toBe('Notiert von Bo Lind');
  });

  it('a tablet board nobody is signed in on asks the same way', async () => {
    const db = await seeded('Europe/Berlin', [reading({ id: 'r1', kpiId: 'kpi-fpy', productionDate: '2026-03-05', value: 97.5 })]);
    const { advance } = mount(db, Date.UTC(2026, 2, 5, 10, 0));
    await noteActionFromTile(advance);
    await screen.findByTestId('note-action-sign-in');
    expect(screen.queryByTestId('note-action')).toBeNull();
  });
});

describe('a new app version', () => {
  it('is taken at a quiet moment: back on the first page, nobody in a meeting', async () => {
    const db = await seeded('Europe/Berlin', []);
    const ui = createUiStore();
    const { advance } = mount(db, Date.UTC(2026, 2, 5, 10, 0), { ui, settings: { dwellMs: 10_000 } });
    await screen.findByTestId('board-page-calendar');
    await advance(10_000);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await advance(0);
    let applied = 0;
    ui.getState().offerUpdate(() => (applied += 1));
    // In a meeting, on page 3: the update waits.
    await advance(60_000);
    expect(applied).toBe(0);
    fireEvent.keyDown(window, { key: 'Escape' });
    // Rotation resumes and comes round to the calendar: now.
    await advance(10_000);
    expect(screen.getByTestId('plant-board').dataset.page).toBe('calendar');
    expect(applied).toBe(1);
  });
});
