/**
 * The plant board's data, read from the local database and kept current.
 *
 * - Plant, lines, roster, KPI definitions, escalations and their events:
 *   reactive queries (small collections; a change re-emits the list).
 * - KPI readings, the big one (80,000 for a 30-line plant, 27,000 of them in
 *   the window the board shows: the month and the tiles' 30 days): built into
 *   the domain's BoardState in one pass, and after that each reading the
 *   database receives (live stream, another tab, this device) is applied on
 *   its own with `applyReading`: one slot, one calendar cell, one tile. The
 *   whole board is never recomputed per reading.
 * - Where the build starts: from the board digest this device saved last time
 *   (src/domain/board/board-digest.ts), caught up with every reading the
 *   database wrote since, when there is one that fits; otherwise from the
 *   window's readings themselves. Reading 27,000 readings through RxDB is nine
 *   tenths of a large plant's first render; the digest is a JSON parse per day.
 *   The digest is saved after a build from the readings, and after live
 *   readings once the stream has been quiet a moment (SAVE_QUIET_MS), only the
 *   days they touched.
 * - The insert stream is subscribed *before* the window is queried and its
 *   readings are held until the build is done, so a reading arriving during
 *   the load is neither lost nor counted twice (applyReading ignores a reading
 *   it already holds).
 * - The plant's shift pattern gives the tiles the order of a day's shifts
 *   (the latest shift's reading is the tile's value); the board waits for it
 *   and is rebuilt when it changes. The digest keeps readings, not tiles, so
 *   it does not depend on the pattern.
 * - When the plant's date changes (midnight on the plant's wall) or a KPI
 *   definition changes, the state is rebuilt: the index then starts from the
 *   new window, so weeks of live readings do not pile up in memory.
 *
 * Listeners are told after each change, at most once per microtask.
 */
import type { Subscription } from 'rxjs';
import { openBoardDigestStore, readingsWrittenSince, type BoardDigestStore } from '../../db/board/board-digest-store.ts';
import type { TierboardDatabase } from '../../db/database.ts';
import {
  BOARD_DIGEST_FORMAT,
  definitionsKey,
  digestDay,
  digestFits,
  foldFromMs,
  restoreBoardIndex,
  type BoardDigestMeta,
} from '../../domain/board/board-digest.ts';
import { applyReading, boardAt, boardFromIndex, boardWindow, buildBoardState, type BoardState } from '../../domain/board/board-state.ts';
import { shiftOrderOf, type ShiftOrder } from '../../domain/board/kpi-tile.ts';
import { boardDefinitions, datesHeld, indexReading, type DefinitionsById } from '../../domain/board/reading-index.ts';
import { plantLocalDate } from '../../domain/shift/shift-calendar.ts';
import type { Escalation, EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import type { KpiDefinition, KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { ShiftPattern } from '../../domain/shift/shift-types.ts';

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
  return boardWindow(today).from;
}

/** Live readings are written to the digest once the stream has been quiet this long... */
const SAVE_QUIET_MS = 10_000;
/** ...or this long after the first unsaved one, on a plant that never goes quiet. */
const SAVE_AT_MOST_MS = 60_000;

export interface BoardDataOptions {
  /**
   * Where the board's digest is kept. By default beside the database (and
   * closed on stop); null: none, every start reads the readings.
   */
  digests?: BoardDigestStore | null;
  /** The database's write clock (`_meta.lwt` is wall time in ms); tests move it. */
  writeClock?: () => number;
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

/**
 * Every KPI reading the database inserts, from this tab, another tab or the
 * replication. Read off the collection's change bulks rather than insert$:
 * RxDB 17.6 turns bulks into insert$'s events through a module-level Map it
 * never empties (EVENT_BULK_CACHE in rx-change-event.js), so with insert$
 * every change stays in memory for the life of the page (measured with
 * `npm run bench:board`: about 340 bytes per reading, with or without the
 * board mounted). A wall screen runs for weeks. eslint forbids insert$,
 * update$ and remove$ for the same reason.
 */
function readingInserts(db: TierboardDatabase, next: (r: KpiReading) => void, error: (err: unknown) => void): Subscription {
  return db.kpi_readings.eventBulks$.subscribe({
    next: (bulk) => {
      for (const ev of bulk.events) if (ev.operation === 'INSERT') next(ev.documentData as unknown as KpiReading);
    },
    error,
  });
}

export function createBoardData(db: TierboardDatabase, plantId: string, now: () => number, options: BoardDataOptions = {}): BoardData {
  const ownStore = options.digests === undefined && typeof indexedDB !== 'undefined';
  const digests = ownStore ? openBoardDigestStore(db.name) : (options.digests ?? null);
  const writeClock = options.writeClock ?? (() => Date.now());
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
  /** The plant's shift patterns; null until the first answer. */
  let patterns: ShiftPattern[] | null = null;
  const shiftOrderFor = (plant: Plant): ShiftOrder => shiftOrderOf(patterns?.find((p) => p.id === plant.shiftPatternId));
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

  // The digest's bookkeeping: days changed since the last save, when the index was last read from the readings.
  const dirty = new Set<string>();
  let builtAtMs = 0;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let firstDirtyAt = 0;
  let saving = false;

  /**
   * The board as the digest left it, caught up with every reading written
   * since; null when there is no digest or it does not fit. The days the
   * catch-up touched go into `dirty`.
   */
  async function restore(plant: Plant, defsById: DefinitionsById, nowMs: number): Promise<BoardState | null> {
    if (!digests) return null;
    const window = boardWindow(plantLocalDate(plant.timeZone, new Date(nowMs)));
    const stored = await digests.load(plantId, window.from);
    if (!stored || !digestFits(stored.meta, { plantId, timeZone: plant.timeZone, defsById, window, nowMs: writeClock() })) return null;
    const index = restoreBoardIndex(stored.meta, stored.days, defsById, window);
    for (const r of await readingsWrittenSince(db, foldFromMs(stored.meta))) {
      for (const change of indexReading(index, r, defsById)) dirty.add(change.date);
    }
    builtAtMs = stored.meta.builtAtMs;
    return boardFromIndex(index, plant, defsById, new Date(nowMs), undefined, shiftOrderFor(plant));
  }

  async function rebuild(): Promise<void> {
    const plant = snap.plant;
    if (!plant || !allDefs || !patterns || stopped) return;
    const run = ++buildRun;
    held = [];
    dirty.clear();
    const defsById = boardDefinitions(allDefs, plantId);
    const nowMs = now();
    try {
      performance.mark('tb-board-query');
      let board = await restore(plant, defsById, nowMs);
      if (stopped || run !== buildRun) return;
      if (!board) {
        builtAtMs = writeClock();
        const readings = await loadWindow(db, plantId, boardWindowStart(plantLocalDate(plant.timeZone, new Date(nowMs))));
        if (stopped || run !== buildRun) return;
        performance.mark('tb-board-loaded');
        board = buildBoardState({ plant, defsById, readings, now: new Date(nowMs), shiftOrder: shiftOrderFor(plant) });
        for (const date of datesHeld(board.index)) dirty.add(date);
      }
      performance.mark('tb-board-built');
      for (const r of held) {
        const update = applyReading(board, r, defsById);
        board = update.state;
        for (const change of update.days) dirty.add(change.date);
      }
      held = null;
      set({ board, defsById, lastUpdatedTiles: [] });
      if (dirty.size > 0) scheduleSave(0);
    } catch (err) {
      held = null;
      fail(err);
    }
  }

  function scheduleSave(delayMs: number): void {
    if (!digests || stopped) return;
    const t = writeClock();
    if (firstDirtyAt === 0) firstDirtyAt = t;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), Math.max(0, Math.min(delayMs, firstDirtyAt + SAVE_AT_MOST_MS - t)));
  }

  /** Writes the days changed since the last save; the digest then covers every reading written until now. */
  async function save(): Promise<void> {
    saveTimer = null;
    const board = snap.board;
    const plant = snap.plant;
    if (!digests || !board || !plant || held || dirty.size === 0) return;
    if (saving) {
      scheduleSave(SAVE_QUIET_MS);
      return;
    }
    saving = true;
    firstDirtyAt = 0;
    // Everything the database wrote until this moment is in the board (writes after it are folded in on restore).
    const meta: BoardDigestMeta = {
      plantId,
      format: BOARD_DIGEST_FORMAT,
      timeZone: board.timeZone,
      definitionsKey: definitionsKey(snap.defsById),
      from: board.index.window.from,
      superseded: [...board.index.superseded],
      coveredUntilMs: writeClock(),
      builtAtMs,
      savedAtMs: writeClock(),
    };
    const days = [...dirty].map((date) => digestDay(board.index, plantId, date));
    dirty.clear();
    try {
      await digests.save(meta, days);
      performance.mark('tb-board-digest-saved');
    } catch (err) {
      // A cache that could not be written (a full disk, say): the next start reads the readings instead.
      console.warn('plant board: the board digest was not saved', err);
      if (!stopped) for (const d of days) dirty.add(d.date);
    } finally {
      saving = false;
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
    for (const change of update.days) dirty.add(change.date);
    scheduleSave(SAVE_QUIET_MS);
    set({ board: update.state, lastUpdatedTiles: update.tiles });
  }

  // Subscribe first, load second (see the note on the insert stream above). The change bulks
  // themselves, not insert$: see readingInserts.
  subs.push(readingInserts(db, onReading, fail));

  subs.push(
    db.plants.findOne(plantId).$.subscribe({
      next: (doc) => {
        const plant = doc ? (doc.toJSON() as Plant) : null;
        const changed = plant?.timeZone !== snap.plant?.timeZone || plant?.shiftPatternId !== snap.plant?.shiftPatternId;
        set({ plant });
        if (plant && changed) void rebuild();
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
    // All of them (a handful), picked by the plant's shiftPatternId as the reading screen does, whoever's plantId they carry.
    db.shift_patterns.find().$.subscribe({
      next: (docs) => {
        patterns = docs.map((d) => d.toJSON() as ShiftPattern);
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
      if (saveTimer) clearTimeout(saveTimer);
      void save(); // what live readings changed since the last save, if anything (best effort)
      if (ownStore) digests?.close(); // after the save above has opened its transaction, which then completes
      stopped = true;
      for (const s of subs) s.unsubscribe();
      subs.length = 0;
      listeners.clear();
    },
  };
}
