/**
 * The wall-screen plant board: SQDCP letter calendar, KPI tiles
 * per line, open escalations, rotating by the plant's dwell time, kiosk-style
 * (no cursor, screen kept awake, full screen where allowed), honest about a
 * lost server link, and taken over for a tier meeting by any key of a
 * presentation remote or a touch.
 *
 * Runs for weeks, so it holds nothing that grows: one 1-second interval
 * (cleared on unmount), one key and one pointer listener, pages keyed so a
 * page change replaces its DOM, lists bounded by the data shown (escalations
 * per page), and the reading index rebuilt from the database when the plant's
 * day turns (src/db/board/board-data.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TierboardDatabase } from '../../db/database.ts';
import { boardEscalation, compareBoardEscalations, type BoardEscalation } from '../../domain/board/escalation-board-order.ts';
import type { DeviceKind, Person } from '../../domain/people/people-types.ts';
import type { EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import type { UiStore } from '../../state/ui-store.ts';
import { useStore } from '../../state/use-store.ts';
import { createSyncStatusStore, type SyncStatusStore } from '../../sync/status.ts';
import { keepScreenAwake } from '../../pwa/wake-lock.ts';
import { useBoardData } from './use-board-data.ts';
import { contactTracker } from './board-freshness.ts';
import { boardPages, tileGroups, type BoardPage } from './board-pages.ts';
import { keyStep, resumeRotation, rotationTick, startRotation, takeOver, type RotationState } from './board-rotation.ts';
import { boardSettings, type BoardSettings } from './board-settings.ts';
import { boardDate, boardTime } from './board-format.ts';
import { CalendarPage } from './calendar-page.tsx';
import { EscalationsPage } from './escalations-page.tsx';
import { KpiHistory } from './kpi-history.tsx';
import { NoteActionForm } from './note-action-form.tsx';
import { NoteActionSignIn, noteActionProblem } from './note-action-sign-in.tsx';
import { noteAction } from './note-action.ts';
import { StaleNotice } from './stale-notice.tsx';
import { TilesPage } from './tiles-page.tsx';
import { bm } from './board-messages.ts';
import './board.css';

export interface BoardClock {
  /** Device wall-clock time in ms. */
  now(): number;
}

export interface PlantBoardProps {
  db: TierboardDatabase;
  plantId: string;
  clock: BoardClock;
  /** The app's sync status (src/sync/status.ts); without it the board shows local data, labelled so. */
  syncStatus?: SyncStatusStore;
  settings?: Partial<BoardSettings>;
  /** Node id of the clock stamping actions noted here; the enrolled device id. */
  deviceId?: string;
  random?: () => number;
  /** Confirmations, and the waiting new version the board applies at a quiet moment. */
  ui?: UiStore;
  /** Kiosk behaviour: wake lock, full screen, hidden cursor. Default on. */
  kiosk?: boolean;
  /** A wall screen asks who notes each action; nobody is ever signed in on it. Default tablet. */
  deviceKind?: DeviceKind;
  /** On a tablet: the person signed in ('' when nobody is), who notes actions without signing again. */
  signedInPersonId?: string;
}

/**
 * `noter`: who notes the action, null while the sign-in step asks. Held here only, so closing the
 * form (saved, cancelled, the meeting over) forgets them: nobody stays signed in on a wall screen.
 */
type Overlay = { kind: 'history'; kpiId: string } | { kind: 'action'; about: string; escalationId: string; noter: Person | null } | null;

/** Ticks of the board: timers, rotation, freshness. Once a second is what a wall clock shows. */
const TICK_MS = 1_000;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA');
}

function requestFullscreen(): void {
  const root = typeof document === 'undefined' ? null : document.documentElement;
  if (!root || document.fullscreenElement || typeof root.requestFullscreen !== 'function') return;
  // Allowed only after a user gesture, or in a kiosk browser; a refusal is fine, the board works windowed.
  root.requestFullscreen().catch(() => undefined);
}

export function PlantBoard({
  db,
  plantId,
  clock,
  syncStatus,
  settings: over,
  deviceId = '',
  random = Math.random,
  ui,
  kiosk = true,
  deviceKind = 'tablet',
  signedInPersonId = '',
}: PlantBoardProps) {
  // Compared by content: a caller's new but equal settings object is no change. boardSettings
  // keeps only finite numbers and the two layouts, all of which survive the JSON round trip.
  const overJson = JSON.stringify(over ?? {});
  const settings = useMemo(() => boardSettings(JSON.parse(overJson) as Partial<BoardSettings>), [overJson]);
  const now = useCallback(() => clock.now(), [clock]);
  const { data, snap } = useBoardData(db, plantId, now);
  const localStatus = useMemo(() => syncStatus ?? createSyncStatusStore(), [syncStatus]);
  const status = useStore(localStatus, (s) => s);
  const [nowMs, setNowMs] = useState(() => clock.now());
  const tracker = useMemo(() => contactTracker(clock.now()), [clock]);
  const [rotation, setRotation] = useState<RotationState>(() => startRotation(clock.now()));
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [confirmation, setConfirmation] = useState('');

  const groups = useMemo(() => tileGroups(snap.lines, snap.defsById.values()), [snap.lines, snap.defsById]);
  const pages = useMemo(() => boardPages(groups, settings), [groups, settings]);
  const pageCount = pages.length;
  const pageIndex = Math.min(rotation.index, pageCount - 1);
  const page = pages[pageIndex] as BoardPage;

  // Refs for the listeners registered once, so no listener is ever added per render.
  const live = useRef({ pageCount, overlay, settings });
  live.current = { pageCount, overlay, settings };

  useEffect(() => {
    const id = setInterval(() => {
      const t = clock.now();
      setNowMs(t);
      data.tick(t);
      const { pageCount: n, settings: s } = live.current;
      setRotation((r) => rotationTick(r, t, n, s.dwellMs, s.meetingIdleMs));
    }, TICK_MS);
    return () => clearInterval(id);
  }, [clock, data]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = clock.now();
      const { pageCount: n, overlay: o } = live.current;
      if (isTyping(e.target) && e.key !== 'Escape') {
        // Typing in the action form is the meeting going on: it keeps the rotation paused.
        setRotation((r) => takeOver(r, t, n, 0));
        return;
      }
      if (kiosk) requestFullscreen();
      if (o) {
        if (e.key === 'Escape') setOverlay(null);
        setRotation((r) => takeOver(r, t, n, 0));
        return;
      }
      const step = keyStep(e.key);
      if (step === null) {
        setRotation((r) => resumeRotation(r, t));
        return;
      }
      if (step !== 0) e.preventDefault();
      setRotation((r) => takeOver(r, t, n, step));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock, kiosk]);

  const onPointer = useCallback(() => {
    if (kiosk) requestFullscreen();
    setRotation((r) => takeOver(r, clock.now(), live.current.pageCount, 0));
  }, [clock, kiosk]);

  useEffect(() => {
    if (!kiosk) return;
    const lock = keepScreenAwake();
    requestFullscreen();
    return () => lock.stop();
  }, [kiosk]);

  // A new app version waits: take it when the rotation comes round to the first page, nobody is
  // running a meeting and no form is open. That is the board's quiet moment.
  const applyUpdate = useStore(ui ?? localUiFallback, (s) => (s.updateAvailable ? s.applyUpdate : null));
  useEffect(() => {
    if (applyUpdate && pageIndex === 0 && !rotation.meeting && !overlay) applyUpdate();
  }, [applyUpdate, pageIndex, rotation.meeting, overlay]);

  // The meeting ended (idle for the plant's time, or Resume): an open history or form goes with it.
  // Only the meeting's end closes it: the overlay is read from the render, not a reason to run.
  useEffect(() => {
    if (!rotation.meeting && live.current.overlay) setOverlay(null);
  }, [rotation.meeting]);

  const openHistory = useCallback((kpiId: string) => setOverlay({ kind: 'history', kpiId }), []);
  // A tablet's signed-in person notes the action if they may; anyone else signs for it first.
  const tabletPerson = deviceKind === 'wall_screen' ? undefined : snap.people.get(signedInPersonId);
  const presetNoter = tabletPerson?.active && !noteActionProblem(tabletPerson, plantId) ? tabletPerson : null;
  const openAction = (about: string, escalationId: string) => setOverlay({ kind: 'action', about, escalationId, noter: presetNoter });
  const step = (by: -1 | 1) => setRotation((r) => takeOver(r, clock.now(), pageCount, by));

  const plant = snap.plant;
  const board = snap.board;
  const freshness = tracker.observe(status, nowMs, settings.staleAfterMs);
  // Noted actions the server has not acknowledged yet (the sync badge counts them too).
  const actionsWaiting = status.pendingByCollection.improvement_actions ?? 0;
  const linesById = useMemo(() => new Map(snap.lines.map((l) => [l.id, l])), [snap.lines]);
  const roster = useMemo(() => [...snap.people.values()].filter((p) => p.active).sort((a, b) => a.name.localeCompare(b.name)), [snap.people]);

  const eventsByEscalation = useMemo(() => {
    const m = new Map<string, EscalationEvent[]>();
    for (const e of snap.events) m.set(e.escalationId, [...(m.get(e.escalationId) ?? []), e]);
    return m;
  }, [snap.events]);
  const escalations = useMemo(() => {
    if (!plant) return [];
    const out: BoardEscalation[] = [];
    for (const esc of snap.escalations) {
      const item = boardEscalation(esc, eventsByEscalation.get(esc.id) ?? [], plant.tierLadder, nowMs);
      if (item) out.push(item);
    }
    return out.sort(compareBoardEscalations);
  }, [snap.escalations, eventsByEscalation, plant, nowMs]);

  if (snap.error && !board) {
    return (
      <main class="plant-board board-message" data-testid="plant-board">
        <p role="alert">{snap.error}</p>
      </main>
    );
  }
  if (!plant || !board) {
    return (
      <main class="plant-board board-message" data-testid="plant-board" aria-busy="true">
        <p>{bm('board.loading')}</p>
      </main>
    );
  }

  const historyTile = overlay?.kind === 'history' ? board.tiles.get(overlay.kpiId) : undefined;
  const actionOverlay = overlay?.kind === 'action' ? overlay : null;
  const noter = actionOverlay?.noter ?? null;
  const historyDef = overlay?.kind === 'history' ? snap.defsById.get(overlay.kpiId) : undefined;

  const saveAction = async (input: { title: string; ownerId: string; due: string }, escalationId: string, noter: Person): Promise<void> => {
    const t = clock.now();
    await noteAction(db, { plantId, ...input, escalationId, notedBy: noter.id }, { deviceId: deviceId || 'wall-screen', nowMs: t, random });
    const owner = snap.people.get(input.ownerId)?.name ?? input.ownerId;
    const text = bm('action.saved', { owner, due: input.due });
    setConfirmation(text);
    ui?.getState().showToast('saved', text);
    setOverlay(null);
  };

  return (
    <main
      class={`plant-board${kiosk ? ' board-kiosk' : ''}${rotation.meeting ? ' board-in-meeting' : ''}${freshness.stale ? ' board-is-stale' : ''}`}
      data-testid="plant-board"
      data-page={page.kind}
      data-page-index={pageIndex}
      data-meeting={rotation.meeting ? 'true' : 'false'}
      onPointerDown={onPointer}
    >
      <header class="board-header">
        <span class="board-plant">{plant.name}</span>
        <span class="board-pages" data-testid="board-page-indicator" aria-live="polite">
          {bm('board.page', { n: pageIndex + 1, total: pageCount })}
        </span>
        {status.auth === 'not_enrolled' && <span class="board-demo">{bm('board.demo')}</span>}
        <span class="board-clock" data-testid="board-clock">
          {bm('board.clock', { date: boardDate(nowMs, plant.locale, plant.timeZone), time: boardTime(nowMs, plant.locale, plant.timeZone) })}
        </span>
      </header>
      {status.auth !== 'not_enrolled' && <StaleNotice freshness={freshness} nowMs={nowMs} timeZone={plant.timeZone} />}
      <div class="board-body" key={page.key}>
        {page.kind === 'calendar' && <CalendarPage calendar={board.calendar} layout={settings.calendarLayout} locale={plant.locale} />}
        {page.kind === 'tiles' && <TilesPage page={page} tiles={board.tiles} people={snap.people} locale={plant.locale} onOpen={openHistory} />}
        {page.kind === 'escalations' && (
          <EscalationsPage
            items={escalations}
            nowMs={nowMs}
            lines={linesById}
            people={snap.people}
            perPage={settings.escalationsPerPage}
            onNoteAction={rotation.meeting ? (id) => openAction(escalations.find((e) => e.escalation.id === id)?.escalation.description.slice(0, 120) ?? '', id) : undefined}
          />
        )}
      </div>
      {rotation.meeting && (
        <nav class="board-meeting" data-testid="board-meeting" aria-label={bm('board.meeting')}>
          <button type="button" class="btn btn-big" data-testid="board-prev" onClick={() => step(-1)}>
            ← {bm('board.prev')}
          </button>
          <span class="board-meeting-word">{bm('board.meeting')}</span>
          {confirmation && (
            <span class="board-confirmation" role="status" data-testid="board-confirmation">
              ✓ {confirmation}
              {actionsWaiting > 0 && <span data-testid="board-confirmation-waiting"> · {bm('action.waiting')}</span>}
            </span>
          )}
          <button type="button" class="btn btn-big" data-testid="board-resume" onClick={() => setRotation((r) => resumeRotation(r, clock.now()))}>
            {bm('board.resume')}
          </button>
          <button type="button" class="btn btn-big" data-testid="board-next" onClick={() => step(1)}>
            {bm('board.next')} →
          </button>
        </nav>
      )}
      {historyTile && historyDef && (
        <KpiHistory
          tile={historyTile}
          locale={plant.locale}
          onClose={() => setOverlay(null)}
          onNoteAction={() => openAction(`${historyTile.code}: `, '')}
        />
      )}
      {actionOverlay && !noter && (
        <NoteActionSignIn roster={roster} plantId={plantId} onSignedIn={(person) => setOverlay({ ...actionOverlay, noter: person })} onCancel={() => setOverlay(null)} />
      )}
      {actionOverlay && noter && (
        <NoteActionForm
          people={roster}
          timeZone={plant.timeZone}
          nowMs={nowMs}
          about={actionOverlay.about}
          notedByName={noter.name}
          onSave={(input) => saveAction(input, actionOverlay.escalationId, noter)}
          onCancel={() => setOverlay(null)}
        />
      )}
    </main>
  );
}

/** Stands in for the ui store when the board runs without one: no update is ever offered. */
const localUiFallback = createFallbackUi();

function createFallbackUi(): UiStore {
  const state = { updateAvailable: false, applyUpdate: null } as unknown as ReturnType<UiStore['getState']>;
  return { getState: () => state, getInitialState: () => state, setState: () => undefined, subscribe: () => () => undefined } as UiStore;
}
