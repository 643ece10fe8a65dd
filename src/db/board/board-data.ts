/**
 * The plant board's data, read from the local database and kept current: the
 * pieces below assembled into one feed the board screen subscribes to
 * (src/ui/board/use-board-data.ts). Each piece can be changed on its own:
 *
 * - board-live-queries.ts: plant, lines, roster, KPI definitions, shift
 *   patterns, escalations and their steps, as live queries.
 * - board-readings.ts: the KPI readings, the big one: the window read once
 *   per build, then each reading the database inserts.
 * - board-digest-keeper.ts (with save-scheduler.ts and board-digest-store.ts):
 *   where a build starts and what is saved for the next start.
 * - board-snapshot.ts: what the board shows, and telling its listeners.
 *
 * What this file keeps is the order of things:
 * - A build is the domain's BoardState made in one pass, from the digest
 *   caught up with what the database wrote since when one fits, otherwise from
 *   the window's readings. After that each reading the database receives
 *   (live stream, another tab, this device) is applied on its own with
 *   `applyReading`: one slot, one calendar cell, one tile. The whole board is
 *   never recomputed per reading.
 * - The insert stream is subscribed *before* the window is queried and its
 *   readings are held until the build is done, so a reading arriving during
 *   the load is neither lost nor counted twice (applyReading ignores a reading
 *   it already holds).
 * - Builds are counted: a build overtaken by a newer one (a definition changed
 *   while the window loaded) drops its result instead of showing stale tiles.
 * - The plant's shift pattern gives the tiles the order of a day's shifts
 *   (the latest shift's reading is the tile's value); the board waits for it
 *   and is rebuilt when it changes. The digest keeps readings, not tiles, so
 *   it does not depend on the pattern.
 * - When the plant's date changes (midnight on the plant's wall) or a KPI
 *   definition changes, the state is rebuilt: the index then starts from the
 *   new window, so weeks of live readings do not pile up in memory.
 */
import type { Subscription } from 'rxjs';
import { applyReading, boardAt, buildBoardState, type BoardState } from '../../domain/board/board-state.ts';
import { shiftOrderOf, type ShiftOrder } from '../../domain/board/kpi-tile.ts';
import { boardDefinitions, datesHeld } from '../../domain/board/reading-index.ts';
import type { KpiDefinition, KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { Plant } from '../../domain/plant/plant-types.ts';
import { plantLocalDate } from '../../domain/shift/shift-calendar.ts';
import type { ShiftPattern } from '../../domain/shift/shift-types.ts';
import type { Timers } from '../../domain/time/timers.ts';
import type { TierboardDatabase } from '../database.ts';
import { createBoardDigestKeeper } from './board-digest-keeper.ts';
import { openBoardDigestStore, type BoardDigestStore } from './board-digest-store.ts';
import { watchBoardRecords } from './board-live-queries.ts';
import { boardWindowStart, loadBoardWindow, watchReadingInserts } from './board-readings.ts';
import { createSnapshotCell, type BoardSnapshot } from './board-snapshot.ts';
import { refusedRecordsFrom, withoutRefused, type RefusedRecords } from '../refused-records.ts';
import { countingEscalations, type EscalationRecords } from '../escalations/counting-escalations.ts';
import { syncStatusStore } from '../../sync/status.ts';

export type { BoardSnapshot } from './board-snapshot.ts';
export { boardWindowStart } from './board-readings.ts';

export interface BoardData {
  get(): BoardSnapshot;
  subscribe(listener: () => void): () => void;
  /** The board's clock tick: turns the day when the plant's date changed. */
  tick(nowMs: number): void;
  stop(): void;
}

export interface BoardDataOptions {
  /**
   * Where the board's digest is kept. By default beside the database (and
   * closed on stop); null: none, every start reads the readings.
   */
  digests?: BoardDigestStore | null;
  /** The database's write clock (`_meta.lwt` is wall time in ms); tests move it. */
  writeClock?: () => number;
  /** The digest's save timers; tests pass fakes. */
  timers?: Timers;
  /**
   * Records the server refused (by default the app's sync status). They stay in the database and
   * never count on the board: the index is built without them, and built again when they change.
   */
  refused?: RefusedRecords;
}

/** Indirect on purpose: direct references would bypass test fakes installed after import. */
const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** `now`: the device's wall clock, for the plant's date and the board's "now". */
export function createBoardData(db: TierboardDatabase, plantId: string, now: () => number, options: BoardDataOptions = {}): BoardData {
  const ownStore = options.digests === undefined && typeof indexedDB !== 'undefined';
  const digests = ownStore ? openBoardDigestStore(db.name) : (options.digests ?? null);
  const cell = createSnapshotCell();
  const refused = options.refused ?? refusedRecordsFrom(syncStatusStore);
  const refusedReadings = () => refused.ids('kpi_readings');
  const subs: Subscription[] = [];
  let stopped = false;
  let allDefs: KpiDefinition[] | null = null;
  /** The plant's shift patterns; null until the first answer. */
  let patterns: ShiftPattern[] | null = null;
  const shiftOrderFor = (plant: Plant): ShiftOrder => shiftOrderOf(patterns?.find((p) => p.id === plant.shiftPatternId));
  /** Readings that arrived while a build was running; null when no build runs. */
  let held: KpiReading[] | null = null;
  /** Counts builds, so one overtaken by a newer build drops its result. */
  let buildRun = 0;

  const fail = (err: unknown): void => cell.set({ error: err instanceof Error ? err.message : String(err) });
  const keeper = createBoardDigestKeeper({
    db,
    plantId,
    digests,
    closeOnStop: ownStore,
    writeClock: options.writeClock ?? (() => Date.now()),
    timers: options.timers ?? realTimers,
    refused: refusedReadings,
    current: () => {
      const snap = cell.get();
      return snap.board && snap.plant && !held ? { board: snap.board, defsById: snap.defsById } : null;
    },
  });

  async function rebuild(): Promise<void> {
    const plant = cell.get().plant;
    if (!plant || !allDefs || !patterns || stopped) return;
    const run = ++buildRun;
    held = [];
    keeper.startBuild();
    const defsById = boardDefinitions(allDefs, plantId);
    const nowMs = now();
    try {
      performance.mark('tb-board-query');
      let board: BoardState | null = await keeper.restore(plant, defsById, nowMs, () => shiftOrderFor(plant));
      if (stopped || run !== buildRun) return;
      if (!board) {
        keeper.builtFromReadings();
        const window = await loadBoardWindow(db, plantId, boardWindowStart(plantLocalDate(plant.timeZone, new Date(nowMs))));
        const readings = withoutRefused(window, refusedReadings());
        if (stopped || run !== buildRun) return;
        performance.mark('tb-board-loaded');
        board = buildBoardState({ plant, defsById, readings, now: new Date(nowMs), shiftOrder: shiftOrderFor(plant) });
        keeper.touched(datesHeld(board.index));
      }
      performance.mark('tb-board-built');
      for (const r of withoutRefused(held, refusedReadings())) {
        const update = applyReading(board, r, defsById);
        board = update.state;
        keeper.touched(update.days.map((change) => change.date));
      }
      held = null;
      cell.set({ board, defsById, lastUpdatedTiles: [] });
      keeper.saveNow();
    } catch (err) {
      held = null;
      fail(err);
    }
  }

  function onReading(r: KpiReading): void {
    if (r.plantId !== plantId) return;
    // A refusal is logged after the push answer, long after the insert; this is for a refused
    // reading written again (the same immutable record), which must not count either.
    if (refusedReadings().has(r.id)) return;
    if (held) {
      held.push(r);
      return;
    }
    const snap = cell.get();
    if (!snap.board) return;
    const update = applyReading(snap.board, r, snap.defsById);
    if (update.state === snap.board) return;
    keeper.touched(update.days.map((change) => change.date));
    keeper.saveSoon();
    cell.set({ board: update.state, lastUpdatedTiles: update.tiles });
  }

  // Escalations and their steps as the database holds them; the board shows only those that count
  // ([C-O6]): a refused step does not move an escalation's state, tier or timers there either.
  const escalationRecords: EscalationRecords = { escalations: [], events: [] };
  const showEscalations = (): void =>
    cell.set(countingEscalations(escalationRecords, refused.ids('escalations'), refused.ids('escalation_events')));

  // Subscribe first, load second (see the note on the insert stream above).
  subs.push(watchReadingInserts(db, onReading, fail));
  // A reading refused (or a refusal withdrawn because the server took it after all): the index
  // cannot take a reading out, so the board is built again without it.
  // Refusals of other records (escalation steps) or a discard change no reading that counts: no rebuild.
  let readingRefusals = refusedReadings();
  const unsubscribeRefused = refused.subscribe(() => {
    showEscalations();
    const now = refusedReadings();
    if (now.size === readingRefusals.size && [...now].every((id) => readingRefusals.has(id))) return;
    readingRefusals = now;
    void rebuild();
  });
  subs.push(
    ...watchBoardRecords(db, plantId, {
      plant(plant) {
        const was = cell.get().plant;
        const changed = plant?.timeZone !== was?.timeZone || plant?.shiftPatternId !== was?.shiftPatternId;
        cell.set({ plant });
        if (plant && changed) void rebuild();
      },
      lines: (lines) => cell.set({ lines }),
      people: (people) => cell.set({ people: new Map(people.map((p) => [p.id, p])) }),
      definitions(defs) {
        allDefs = defs;
        void rebuild();
      },
      patterns(list) {
        patterns = list;
        void rebuild();
      },
      escalations(list) {
        escalationRecords.escalations = list;
        showEscalations();
      },
      events(list) {
        escalationRecords.events = list;
        showEscalations();
      },
      error: fail,
    }),
  );

  return {
    get: () => cell.get(),
    subscribe: (listener) => cell.subscribe(listener),
    tick(nowMs) {
      const { board, defsById } = cell.get();
      if (!board || held) return;
      const today = plantLocalDate(board.timeZone, new Date(nowMs));
      if (today === board.today) return;
      if (today < board.today) {
        void rebuild(); // the clock stepped back over midnight: start again from the database
        return;
      }
      // Turn the day at once from what is in memory, then rebuild so the window moves on.
      cell.set({ board: boardAt(board, new Date(nowMs), defsById) });
      void rebuild();
    },
    stop() {
      keeper.stop();
      stopped = true;
      for (const s of subs) s.unsubscribe();
      subs.length = 0;
      unsubscribeRefused();
      cell.stop();
    },
  };
}
