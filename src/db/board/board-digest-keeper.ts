/**
 * The board's digest (src/domain/board/board-digest.ts) kept for the next
 * start: where a build begins, and what is written back afterwards.
 *
 * - Restore: the board as the digest left it, caught up with every reading
 *   the database wrote since, when there is one that fits. Reading 27,000
 *   readings through RxDB is nine tenths of a large plant's first render; the
 *   digest is a JSON parse per day.
 * - Save: only the days changed since the last save (`dirty`), after a build
 *   from the readings at once, and after live readings once the stream has
 *   been quiet a moment (SAVE_QUIET_MS, SAVE_AT_MOST_MS).
 *
 * A digest is a cache: a failed save costs the next start its speed, nothing else.
 */
import {
  BOARD_DIGEST_FORMAT,
  definitionsKey,
  digestDay,
  digestFits,
  foldFromMs,
  restoreBoardIndex,
  type BoardDigestMeta,
} from '../../domain/board/board-digest.ts';
import { boardFromIndex, boardWindow, type BoardState } from '../../domain/board/board-state.ts';
import type { ShiftOrder } from '../../domain/board/kpi-tile.ts';
import { indexReading, type DefinitionsById } from '../../domain/board/reading-index.ts';
import type { Plant } from '../../domain/plant/plant-types.ts';
import { plantLocalDate } from '../../domain/shift/shift-calendar.ts';
import type { Timers } from '../../domain/time/timers.ts';
import type { TierboardDatabase } from '../database.ts';
import { readingsWrittenSince, type BoardDigestStore } from './board-digest-store.ts';
import { createSaveScheduler } from './save-scheduler.ts';
import { withoutRefused } from '../refused-records.ts';

/** Live readings are written to the digest once the stream has been quiet this long... */
const SAVE_QUIET_MS = 10_000;
/** ...or this long after the first unsaved one, on a plant that never goes quiet. */
const SAVE_AT_MOST_MS = 60_000;

/** What a save writes from: the board on screen; null while there is none or a build runs. */
export interface SavableBoard {
  board: BoardState;
  defsById: DefinitionsById;
}

export interface BoardDigestKeeper {
  /** A build begins: what was unsaved belongs to the old board. */
  startBuild(): void;
  /** The build reads the readings themselves: the digest it saves is built as of now. */
  builtFromReadings(): void;
  /**
   * The board as the digest left it, caught up with every reading written
   * since; null when there is no digest or it does not fit. The days the
   * catch-up touched wait to be saved. `shiftOrder` is asked once the catch-up is done.
   */
  restore(plant: Plant, defsById: DefinitionsById, nowMs: number, shiftOrder: () => ShiftOrder): Promise<BoardState | null>;
  /** Days whose readings changed and wait to be saved. */
  touched(dates: Iterable<string>): void;
  /** A build is done: save what it changed at once. */
  saveNow(): void;
  /** A live reading changed the board: save once the stream is quiet. */
  saveSoon(): void;
  /** Cancels the wait and saves what is unsaved (best effort), then closes the store if the keeper opened it. */
  stop(): void;
}

export interface BoardDigestKeeperOptions {
  db: TierboardDatabase;
  plantId: string;
  /** null: no digest, every start reads the readings. */
  digests: BoardDigestStore | null;
  /** Closed on stop: the keeper's own store, opened beside the database. */
  closeOnStop: boolean;
  /** The database's write clock (`_meta.lwt` is wall time in ms). */
  writeClock: () => number;
  timers: Timers;
  /** The board a save writes from. */
  current: () => SavableBoard | null;
  /** Readings that never count (refused by the server, src/db/refused-records.ts). */
  refused: () => ReadonlySet<string>;
}

export function createBoardDigestKeeper(options: BoardDigestKeeperOptions): BoardDigestKeeper {
  const { db, plantId, digests, writeClock, current } = options;
  // Days changed since the last save, and when the index was last read from the readings.
  const dirty = new Set<string>();
  let builtAtMs = 0;
  let saving = false;
  let stopped = false;
  const scheduler = createSaveScheduler(() => void save(), { atMostMs: SAVE_AT_MOST_MS, now: writeClock, timers: options.timers });

  function schedule(delayMs: number): void {
    if (!digests || stopped) return;
    scheduler.schedule(delayMs);
  }

  /** Writes the days changed since the last save; the digest then covers every reading written until now. */
  async function save(): Promise<void> {
    const now = current();
    if (!digests || !now || dirty.size === 0) return;
    if (saving) {
      schedule(SAVE_QUIET_MS);
      return;
    }
    saving = true;
    scheduler.started();
    const { board, defsById } = now;
    // Everything the database wrote until this moment is in the board (writes after it are folded in on restore).
    const meta: BoardDigestMeta = {
      plantId,
      format: BOARD_DIGEST_FORMAT,
      timeZone: board.timeZone,
      definitionsKey: definitionsKey(defsById),
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

  return {
    startBuild() {
      dirty.clear();
    },
    builtFromReadings() {
      builtAtMs = writeClock();
    },
    async restore(plant, defsById, nowMs, shiftOrder) {
      // A digest saved before a reading was refused may hold it, and the index cannot take a reading
      // out again: while the device keeps refused readings (rare, and never on a wall screen, which
      // writes none) the board is built from the readings themselves.
      if (!digests || options.refused().size > 0) return null;
      const window = boardWindow(plantLocalDate(plant.timeZone, new Date(nowMs)));
      const stored = await digests.load(plantId, window.from);
      if (!stored || !digestFits(stored.meta, { plantId, timeZone: plant.timeZone, defsById, window, nowMs: writeClock() })) return null;
      const index = restoreBoardIndex(stored.meta, stored.days, defsById, window);
      for (const r of withoutRefused(await readingsWrittenSince(db, foldFromMs(stored.meta)), options.refused())) {
        for (const change of indexReading(index, r, defsById)) dirty.add(change.date);
      }
      builtAtMs = stored.meta.builtAtMs;
      return boardFromIndex(index, plant, defsById, new Date(nowMs), undefined, shiftOrder());
    },
    touched(dates) {
      for (const date of dates) dirty.add(date);
    },
    saveNow() {
      if (dirty.size > 0) schedule(0);
    },
    saveSoon() {
      schedule(SAVE_QUIET_MS);
    },
    stop() {
      scheduler.cancel();
      void save(); // what live readings changed since the last save, if anything (best effort)
      if (options.closeOnStop) digests?.close(); // after the save above has opened its transaction, which then completes
      stopped = true;
    },
  };
}
