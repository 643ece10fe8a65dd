/**
 * The plant board's data, read from the local database and kept current.
 *
 * - Plant, lines, roster, KPI definitions, escalations and their events:
 *   reactive queries (small collections; a change re-emits the list).
 * - KPI readings, the big one (80,000 for a 30-line plant): loaded once for
 *   the window the board shows (the month and the tiles' 30 days), built into
 *   the domain's BoardState in one pass, and after that each reading the
 *   database receives (live stream, another tab, this device) is applied on
 *   its own with `applyReading`: one slot, one calendar cell, one tile. The
 *   whole board is never recomputed per reading.
 * - The insert stream is subscribed *before* the window is queried and its
 *   readings are held until the build is done, so a reading arriving during
 *   the load is neither lost nor counted twice (applyReading ignores a reading
 *   it already holds).
 * - When the plant's date changes (midnight on the plant's wall) or a KPI
 *   definition changes, the state is rebuilt from the database: the index
 *   then starts from the new window, so weeks of live readings do not pile up
 *   in memory.
 *
 * Listeners are told after each change, at most once per microtask.
 */
import type { Subscription } from 'rxjs';
import type { TierboardDatabase } from '../../db/database.ts';
import { applyReading, boardAt, buildBoardState, type BoardState } from '../../domain/board/board-state.ts';
import { boardDefinitions } from '../../domain/board/reading-index.ts';
import { TILE_WINDOW_DAYS } from '../../domain/board/kpi-tile.ts';
import { addProductionDays, plantLocalDate } from '../../domain/shift-calendar.ts';
import type { Escalation, EscalationEvent, KpiDefinition, KpiReading, Line, Person, Plant } from '../../domain/types.ts';

export interface BoardSnapshot {
  plant: Plant | null;
  /** Active lines, by area then code. */
  lines: Line[];
  people: ReadonlyMap<string, Person>;
  defsById: ReadonlyMap<string, KpiDefinition>;
  /** null until the readings are loaded. */
  board: BoardState | null;
  escalations: Escalation[];
  events: EscalationEvent[];
  /** Ids of KPIs whose tile changed in the last live update (for the bench and tests). */
  lastUpdatedTiles: readonly string[];
  error: string;
}

export interface BoardData {
  get(): BoardSnapshot;
  subscribe(listener: () => void): () => void;
  /** The board's clock tick: turns the day when the plant's date changed. */
  tick(nowMs: number): void;
  stop(): void;
}

/** First production date the board needs: the month's first day or 30 days back, whichever is earlier. */
export function boardWindowStart(today: string): string {
  const tileStart = addProductionDays(today, 1 - TILE_WINDOW_DAYS);
  const monthStart = `${today.slice(0, 7)}-01`;
  return tileStart < monthStart ? tileStart : monthStart;
}

/**
 * The plant's readings dated `from` on, through RxDB's own query (the
 * ['plantId', 'productionDate'] index). Measured with the board benchmark's
 * probe (`tsx bench/board-bench.ts --probe`, 27,000 readings): this took
 * 1.1 s, a hand-made storage query without RxDocuments 3.0 s, and one query per
 * production date in parallel 75 s (parallel IndexedDB cursors starve each other).
 */
async function loadWindow(db: TierboardDatabase, plantId: string, from: string): Promise<KpiReading[]> {
  const docs = await db.kpi_readings.find({ selector: { plantId, productionDate: { $gte: from } } }).exec();
  return docs.map((d) => d.toJSON() as KpiReading);
}

export function createBoardData(db: TierboardDatabase, plantId: string, now: () => number): BoardData {
  let snap: BoardSnapshot = {
    plant: null,
    lines: [],
    people: new Map(),
    defsById: new Map(),
    board: null,
    escalations: [],
    events: [],
    lastUpdatedTiles: [],
    error: '',
  };
  const listeners = new Set<() => void>();
  const subs: Subscription[] = [];
  let stopped = false;
  let notifyQueued = false;
  let allDefs: KpiDefinition[] | null = null;
  /** Readings that arrived while a build was running; null when no build runs. */
  let held: KpiReading[] | null = null;
  let buildRun = 0;

  const notify = (): void => {
    if (notifyQueued || stopped) return;
    notifyQueued = true;
    queueMicrotask(() => {
      notifyQueued = false;
      if (!stopped) for (const l of listeners) l();
    });
  };
  const set = (patch: Partial<BoardSnapshot>): void => {
    snap = { ...snap, ...patch };
    notify();
  };
  const fail = (err: unknown): void => set({ error: err instanceof Error ? err.message : String(err) });

  async function rebuild(): Promise<void> {
    const plant = snap.plant;
    if (!plant || !allDefs || stopped) return;
    const run = ++buildRun;
    held = [];
    const defsById = boardDefinitions(allDefs, plantId);
    const nowDate = new Date(now());
    const today = plantLocalDate(plant.timeZone, nowDate);
    const from = boardWindowStart(today);
    try {
      performance.mark('tb-board-query');
      const readings = await loadWindow(db, plantId, from);
      if (stopped || run !== buildRun) return;
      performance.mark('tb-board-loaded');
      let board = buildBoardState({ plant, defsById, readings, now: nowDate });
      performance.mark('tb-board-built');
      for (const r of held) board = applyReading(board, r, defsById).state;
      held = null;
      set({ board, defsById, lastUpdatedTiles: [] });
    } catch (err) {
      held = null;
      fail(err);
    }
  }

  function onReading(r: KpiReading): void {
    if (r.plantId !== plantId) return;
    if (held) {
      held.push(r);
      return;
    }
    if (!snap.board) return;
    const update = applyReading(snap.board, r, snap.defsById);
    if (update.state === snap.board) return;
    set({ board: update.state, lastUpdatedTiles: update.tiles });
  }

  // Subscribe first, load second (see the note on the insert stream above).
  subs.push(db.kpi_readings.insert$.subscribe({ next: (ev) => onReading(ev.documentData as KpiReading), error: fail }));

  subs.push(
    db.plants.findOne(plantId).$.subscribe({
      next: (doc) => {
        const plant = doc ? (doc.toJSON() as Plant) : null;
        const zoneChanged = plant?.timeZone !== snap.plant?.timeZone;
        set({ plant });
        if (plant && zoneChanged) void rebuild();
      },
      error: fail,
    }),
    db.lines.find({ selector: { plantId } }).$.subscribe({
      next: (docs) => {
        const lines = docs.map((d) => d.toJSON() as Line).filter((l) => l.active);
        lines.sort((a, b) => a.area.localeCompare(b.area) || a.code.localeCompare(b.code));
        set({ lines });
      },
      error: fail,
    }),
    db.people.find({ selector: { plantId } }).$.subscribe({
      next: (docs) => set({ people: new Map(docs.map((d) => [d.id, d.toJSON() as Person])) }),
      error: fail,
    }),
    // Enterprise-wide definitions (plantId '') count for every plant; boardDefinitions keeps the plant's and those.
    db.kpi_definitions.find({ selector: { plantId: { $in: [plantId, ''] } } }).$.subscribe({
      next: (docs) => {
        allDefs = docs.map((d) => d.toJSON() as KpiDefinition);
        void rebuild();
      },
      error: fail,
    }),
    db.escalations.find({ selector: { plantId } }).$.subscribe({
      next: (docs) => set({ escalations: docs.map((d) => d.toJSON() as Escalation) }),
      error: fail,
    }),
    db.escalation_events.find({ selector: { plantId } }).$.subscribe({
      next: (docs) => set({ events: docs.map((d) => d.toJSON() as EscalationEvent) }),
      error: fail,
    }),
  );

  return {
    get: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tick(nowMs) {
      const board = snap.board;
      if (!board || held) return;
      const today = plantLocalDate(board.timeZone, new Date(nowMs));
      if (today === board.today) return;
      if (today < board.today) {
        void rebuild(); // the clock stepped back over midnight: start again from the database
        return;
      }
      // Turn the day at once from what is in memory, then rebuild so the window moves on.
      set({ board: boardAt(board, new Date(nowMs), snap.defsById) });
      void rebuild();
    },
    stop() {
      stopped = true;
      for (const s of subs) s.unsubscribe();
      subs.length = 0;
      listeners.clear();
    },
  };
}
