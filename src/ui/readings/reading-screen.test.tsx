// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createSessionStore } from '../../state/session-store.ts';
import { createUiStore } from '../../state/ui-store.ts';
import { openSeededDatabase, renderApp, seededRandom, signInWithPin } from '../testing/test-app.tsx';
import { testKpi, testLead, testLine, testPattern, testPerson, testPlant } from '../../db/testing/test-fixtures.ts';
import type { LineSetup, ReadingData } from '../../db/readings/reading-data.ts';
import { press } from '../testing/test-taps.ts';
import { resetReadinessForTests } from './readiness.ts';
import { ReadingScreen, preloadReadingScreen } from './reading-screen.tsx';

// The number pad loads after the screen is up (it is not in the first screen's budget); tests tap at once.
beforeAll(preloadReadingScreen);

afterEach(cleanup);

const setup: LineSetup = { plant: testPlant(), line: testLine(), pattern: testPattern(), defs: [testKpi()], roster: [testPerson(), testLead()] };
/** 14:00:00 in Berlin (UTC+1 in November): the late shift's first second. */
const LATE_STARTS = Date.UTC(2026, 10, 20, 13, 0, 0);

/** An in-memory line, live like the database; `holdWrites` keeps each write running until the test calls `land()`. */
function memoryData(opts: { holdWrites?: boolean } = {}) {
  const stored: KpiReading[] = [];
  const held: (() => void)[] = [];
  const watchers = new Set<() => void>();
  const data: ReadingData = {
    loadLineSetup: () => Promise.resolve(setup),
    watchShiftReadings: (shift, onChange) => {
      const show = () => onChange(stored.filter((r) => r.shiftCode === shift.shiftCode && r.productionDate === shift.productionDate));
      watchers.add(show);
      show();
      return () => watchers.delete(show);
    },
    recentLineReadings: () => Promise.resolve([]),
    findPersonByBadge: () => Promise.resolve(null),
    writeReading: (reading) =>
      new Promise<void>((resolve) => {
        const land = () => {
          stored.push(reading);
          resolve();
          watchers.forEach((show) => show());
        };
        if (opts.holdWrites) held.push(land);
        else land();
      }),
  };
  return { data, stored, land: () => held.splice(0).forEach((l) => l()) };
}

/** The screen with Ana signed in, on a clock the test moves by hand. */
function renderScreen(opts: { startMs: number; offsetMs?: number; holdWrites?: boolean; personId?: string }) {
  resetReadinessForTests();
  let deviceMs = opts.startMs;
  const random = seededRandom();
  const session = createSessionStore({ storage: memoryStorage(), nowMs: deviceMs, random });
  session.getState().setClockOffset(opts.offsetMs ?? 0);
  session.getState().signIn(opts.personId ?? 'person-ana', deviceMs);
  const ui = createUiStore();
  const mem = memoryData(opts);
  render(
    <ReadingScreen setup={setup} data={mem.data} session={session} ui={ui} clock={{ now: () => deviceMs }} random={random} onAbout={() => undefined} />,
  );
  return { ...mem, ui, session, setDevice: (ms: number) => (deviceMs = ms) };
}

async function record(keys: string[]) {
  fireEvent.click(await screen.findByTestId('kpi-kpi-oee'));
  press(...keys.map((k) => `pad-${k}`), 'pad-save');
}

describe('which shift a reading lands in', () => {
  it('a pad opened 20 s into the late shift saves to the late shift, though the header last ticked in the early one', async () => {
    const app = renderScreen({ startMs: LATE_STARTS - 10_000 });
    expect((await screen.findByTestId('shift-header')).textContent).toContain('Shift E · Early');
    app.setDevice(LATE_STARTS + 20_000); // no 30 s tick has run since
    await record(['8', '0']);
    await waitFor(() => expect(app.stored).toHaveLength(1));
    expect(app.stored[0]).toMatchObject({ shiftCode: 'L', productionDate: '2026-11-20' });
    // The screen moves on to the shift it now records for.
    expect(screen.getByTestId('shift-header').textContent).toContain('Shift L · Late');
  });

  it('takes the shift from the clock corrected by the measured offset, as escalations and handovers do', async () => {
    // The tablet runs 30 s slow: its clock says 13:59:50, the server's 14:00:20.
    const app = renderScreen({ startMs: LATE_STARTS - 10_000, offsetMs: 30_000 });
    await record(['8', '0']);
    await waitFor(() => expect(app.stored).toHaveLength(1));
    const reading = app.stored[0]!;
    expect(reading.shiftCode).toBe('L');
    // recordedAt stays the device time with its offset beside it (KpiReading, readingServerMs): together the server time.
    expect(reading.recordedAt).toBe(new Date(LATE_STARTS - 10_000).toISOString());
    expect(Date.parse(reading.recordedAt) + reading.clockOffsetMs).toBe(LATE_STARTS + 20_000);
  });

  it('a pad opened in the early shift keeps that slot when Save is tapped after 14:00: the reading belongs to the shift it was started for', async () => {
    const app = renderScreen({ startMs: LATE_STARTS - 10_000 });
    fireEvent.click(await screen.findByTestId('kpi-kpi-oee'));
    press('pad-8', 'pad-0');
    app.setDevice(LATE_STARTS + 5_000);
    press('pad-save');
    await waitFor(() => expect(app.stored).toHaveLength(1));
    expect(app.stored[0]).toMatchObject({ shiftCode: 'E', recordedAt: new Date(LATE_STARTS + 5_000).toISOString() });
  });
});

describe('a KPI that already has a value this shift', () => {
  it('opens its tile as a correction of that value: a reason is asked, and the new reading supersedes the old', async () => {
    // A lead: correcting is a lead's step (an operator is not offered it, below).
    const app = renderScreen({ startMs: LATE_STARTS + 3_600_000, personId: 'person-lea' });
    await record(['8', '0']);
    await waitFor(() => expect(screen.getByTestId('kpi-kpi-oee').getAttribute('data-recorded')).toBe('true'));

    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    expect(screen.getByRole('dialog', { name: 'Correct OEE' })).toBeTruthy();
    expect((screen.getByTestId('pad-save') as HTMLButtonElement).disabled).toBe(true);
    press('pad-back', 'pad-back', 'pad-9', 'pad-0', 'reason-typo', 'pad-save');
    await waitFor(() => expect(app.stored).toHaveLength(2));
    expect(app.stored[1]).toMatchObject({ value: 90, supersedes: app.stored[0]!.id, shiftCode: 'L' });
    expect(app.stored[1]!.correctionReason).not.toBe('');
  });
});

describe('an entry is in progress until the reading is durable', () => {
  it('the pad closes quickly on a slow write, but the flag that holds back reloads stays set until the write lands', async () => {
    const app = renderScreen({ startMs: LATE_STARTS + 3_600_000, holdWrites: true });
    await record(['8', '0']);
    // Past the pad's 100 ms fallback: the operator sees the pad gone.
    await act(() => new Promise((r) => setTimeout(r, 150)));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(app.stored).toHaveLength(0);
    expect(app.ui.getState().entryInProgress).toBe(true);

    await act(async () => app.land());
    await waitFor(() => expect(app.ui.getState().entryInProgress).toBe(false));
    expect(app.stored).toHaveLength(1);
  });

  it('a write still running when the screen goes away keeps the flag until it lands', async () => {
    const app = renderScreen({ startMs: LATE_STARTS + 3_600_000, holdWrites: true });
    await record(['8', '0']);
    await act(() => new Promise((r) => setTimeout(r, 150)));
    cleanup();
    expect(app.ui.getState().entryInProgress).toBe(true);
    await act(async () => app.land());
    await waitFor(() => expect(app.ui.getState().entryInProgress).toBe(false));
  });
});

describe('the "Plant board" tab under a running write', () => {
  it('opens the board (a page reload) only once the reading is in the database', async () => {
    const { db } = await openSeededDatabase();
    try {
      const insert = db.kpi_readings.insert.bind(db.kpi_readings);
      let land: () => void = () => undefined;
      const landed = new Promise<void>((r) => (land = r));
      db.kpi_readings.insert = ((doc: KpiReading) => landed.then(() => insert(doc))) as typeof db.kpi_readings.insert;
      const reload = vi.spyOn(window.location, 'reload').mockImplementation(() => undefined);
      renderApp(db);
      await signInWithPin();
      await record(['8', '0']);
      await act(() => new Promise((r) => setTimeout(r, 150)));
      expect(screen.queryByRole('dialog')).toBeNull();

      fireEvent.click(await screen.findByTestId('nav-board'));
      expect(reload).not.toHaveBeenCalled();

      land();
      await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
      expect(await db.kpi_readings.count().exec()).toBe(1);
      expect(window.location.hash).toBe('#board');
    } finally {
      vi.restoreAllMocks();
      window.location.hash = '';
      cleanup();
      await db.close();
    }
  });
});

describe('a step the server would refuse is not offered (the rule book, with this device)', () => {
  it('an operator is not offered Correct: no button in the list, and a recorded tile says who may correct instead of opening the pad', async () => {
    const app = renderScreen({ startMs: LATE_STARTS + 3_600_000 });
    await record(['8', '0']);
    await waitFor(() => expect(app.stored).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('kpi-kpi-oee').getAttribute('data-recorded')).toBe('true'));
    expect(screen.queryByTestId(`correct-${app.stored[0]!.id}`)).toBeNull();

    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    expect(screen.queryByTestId('pad-save')).toBeNull();
    expect(screen.getByTestId('rights-refusal-text').textContent).toBe(
      'As an operator, you cannot correct KPI readings. Ask one of them to correct it: shift leads, supervisors and plant heads.',
    );
    press('rights-ok');
    expect(screen.queryByTestId('rights-refusal')).toBeNull();
    expect(app.stored).toHaveLength(1);
  });

  it('a lead is offered Correct in the list', async () => {
    const app = renderScreen({ startMs: LATE_STARTS + 3_600_000, personId: 'person-lea' });
    await record(['8', '0']);
    await waitFor(() => expect(app.stored).toHaveLength(1));
    expect(await screen.findByTestId(`correct-${app.stored[0]!.id}`)).toBeTruthy();
  });

  it('a person whose role does not record readings sees why, and the pad does not open', async () => {
    setup.roster.push(testPerson({ id: 'person-kim', name: 'Kim Lorenz', role: 'responder' }));
    try {
      const app = renderScreen({ startMs: LATE_STARTS + 3_600_000, personId: 'person-kim' });
      const because = 'As a responder, you cannot record KPI readings. That is done by operators, shift leads, supervisors and plant heads.';
      expect((await screen.findByTestId('rights-notice')).textContent).toBe(because);
      fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
      expect(screen.queryByTestId('pad-save')).toBeNull();
      expect(screen.getByTestId('rights-refusal-text').textContent).toBe(because);
      expect(app.stored).toHaveLength(0);
    } finally {
      setup.roster.pop();
    }
  });

  it('a person of another plant cannot record at this line', async () => {
    setup.roster.push(testPerson({ id: 'person-ole', name: 'Ole Berg', role: 'shift_lead', plantId: 'plant-other' }));
    try {
      renderScreen({ startMs: LATE_STARTS + 3_600_000, personId: 'person-ole' });
      expect((await screen.findByTestId('rights-notice')).textContent).toContain('You work at plant plant-other; this line belongs to plant plant-t.');
      fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
      expect(screen.queryByTestId('pad-save')).toBeNull();
    } finally {
      setup.roster.pop();
    }
  });

  it('asks with this device: a wall screen records nothing, even for a lead', async () => {
    const app = renderScreen({ startMs: LATE_STARTS + 3_600_000, personId: 'person-lea' });
    act(() => app.session.getState().adoptDeviceKind('wall_screen'));
    expect((await screen.findByTestId('rights-notice')).textContent).toBe('This is a wall screen: it only displays, nothing is recorded on it.');
    fireEvent.click(screen.getByTestId('kpi-kpi-oee'));
    expect(screen.queryByTestId('pad-save')).toBeNull();
  });
});
