/**
 * The plant board's computed state, and how one live reading updates it.
 *
 * A wall screen of a large plant holds about 80,000 readings (30 lines x 10
 * KPIs x 3 shifts x 90 days). Building the state reads them all once; after
 * that each reading arriving on the live stream touches only its slot, the one
 * calendar cell of its category and date, and the one tile of its KPI, so a
 * live update costs the same for a small plant and a large one.
 *
 * Ownership: the index and the tiles map are updated in place (copying 80,000
 * entries per reading is what this avoids). applyReading hands back a new
 * state object whose changed parts are new objects (the touched category's
 * month, the touched tile), so a UI that compares by identity re-renders just
 * those. Treat the state passed in as spent.
 */
import { addProductionDays, plantLocalDate } from '../shift/shift-calendar.ts';
import type { Plant } from '../plant/plant-types.ts';
import type { ProductionDate } from '../records/record-types.ts';
import type { SqdcpCategory } from '../kpi/kpi-types.ts';
import { ALL_DATES, buildBoardIndex, indexReading, type BoardIndex, type BoardReading, type DateWindow, type DefinitionsById, type IndexChange } from './reading-index.ts';
import { dateOfMonth, sqdcpCalendarFromIndex, sqdcpCategoryMonth, sqdcpDay, type SqdcpCalendar } from './sqdcp-calendar.ts';
import { NO_SHIFT_ORDER, TILE_WINDOW_DAYS, tileFromIndex, type KpiTile, type ShiftOrder } from './kpi-tile.ts';

export interface BoardState {
  plantId: string;
  timeZone: string;
  /** `yyyy-MM` the calendar shows. */
  month: string;
  today: ProductionDate;
  index: BoardIndex;
  calendar: SqdcpCalendar;
  /** KPI id -> tile, for every active definition of the plant. */
  tiles: Map<string, KpiTile>;
  /** The plant's shifts in day order: which slot of a day is the latest, for the tiles. */
  shiftOrder: ShiftOrder;
}

export interface BoardUpdate {
  state: BoardState;
  /** Calendar cells whose inputs changed (their state may or may not have flipped). */
  cells: { category: SqdcpCategory; date: ProductionDate }[];
  /** KPI ids whose tile was recomputed. */
  tiles: string[];
  /** KPI days of the index that changed (what a digest of the index must write again). */
  days: IndexChange[];
}

export interface BoardStateInput {
  plant: Pick<Plant, 'id' | 'timeZone'>;
  /** Definitions to judge by; build with boardDefinitions() to keep the plant's active ones. */
  defsById: DefinitionsById;
  readings: readonly BoardReading[];
  now: Date;
  /** Defaults to the plant's current month. */
  month?: string;
  /** The plant's shifts in day order (shiftOrderOf its pattern); without it the newest tap stands in. */
  shiftOrder?: ShiftOrder;
}

function tilesFor(index: BoardIndex, defsById: DefinitionsById, today: ProductionDate, shiftOrder: ShiftOrder): Map<string, KpiTile> {
  const tiles = new Map<string, KpiTile>();
  for (const def of defsById.values()) tiles.set(def.id, tileFromIndex(index, def, today, shiftOrder));
  return tiles;
}

/**
 * The production dates a board showing `month` on `today` needs: the month,
 * and the tiles' 30 days back from today. Readings dated later (a future-dated
 * mistake, or the next days as the board runs on) are kept.
 */
export function boardWindow(today: ProductionDate, month: string = today.slice(0, 7)): DateWindow {
  const tileStart = addProductionDays(today, 1 - TILE_WINDOW_DAYS);
  const monthStart = dateOfMonth(month, 1);
  return { from: tileStart < monthStart ? tileStart : monthStart, to: ALL_DATES.to };
}

export function buildBoardState(input: BoardStateInput): BoardState {
  const today = plantLocalDate(input.plant.timeZone, input.now);
  const month = input.month ?? today.slice(0, 7);
  const index = buildBoardIndex(input.readings, input.defsById, input.plant.id, boardWindow(today, month));
  return boardFromIndex(index, input.plant, input.defsById, input.now, month, input.shiftOrder);
}

/**
 * The board drawn from an index built elsewhere (restored from a digest, then
 * caught up): calendar and tiles computed once, whatever the index went through.
 */
export function boardFromIndex(
  index: BoardIndex,
  plant: Pick<Plant, 'id' | 'timeZone'>,
  defsById: DefinitionsById,
  now: Date,
  month?: string,
  shiftOrder: ShiftOrder = NO_SHIFT_ORDER,
): BoardState {
  const today = plantLocalDate(plant.timeZone, now);
  const shown = month ?? today.slice(0, 7);
  return {
    plantId: plant.id,
    timeZone: plant.timeZone,
    month: shown,
    today,
    index,
    calendar: sqdcpCalendarFromIndex(index, shown, today),
    tiles: tilesFor(index, defsById, today, shiftOrder),
    shiftOrder,
  };
}

/** One reading from the live stream (or a re-sent one: then nothing changes). */
export function applyReading(state: BoardState, reading: BoardReading, defsById: DefinitionsById): BoardUpdate {
  const changes = indexReading(state.index, reading, defsById);
  if (changes.length === 0) return { state, cells: [], tiles: [], days: [] };
  const cells: BoardUpdate['cells'] = [];
  const tiles: string[] = [];
  let categories = state.calendar.categories;
  for (const { kpiId, date } of changes) {
    const def = defsById.get(kpiId);
    if (!def) continue;
    if (date.slice(0, 7) === state.month && !cells.some((c) => c.category === def.category && c.date === date)) {
      const month = categories[def.category];
      const days = month.days.map((d) => (d.date === date ? sqdcpDay(state.index, def.category, date, state.today) : d));
      categories = { ...categories, [def.category]: sqdcpCategoryMonth(def.category, days) };
      cells.push({ category: def.category, date });
    }
    if (!tiles.includes(def.id)) {
      state.tiles.set(def.id, tileFromIndex(state.index, def, state.today, state.shiftOrder));
      tiles.push(def.id);
    }
  }
  const calendar = categories === state.calendar.categories ? state.calendar : { ...state.calendar, categories };
  return { state: { ...state, calendar }, cells, tiles, days: changes };
}

/**
 * Move the board to a new moment: when the plant's date changed, redraw
 * calendar and tiles from the index, without re-reading anything, and turn to
 * the new month when the board was showing the current one. Call it from the
 * board's clock tick; within a day it hands back the same state. Time only
 * moves forward here: the index holds no readings from before its window, so
 * showing an earlier month means building a new state.
 */
export function boardAt(state: BoardState, now: Date, defsById: DefinitionsById): BoardState {
  const today = plantLocalDate(state.timeZone, now);
  if (today === state.today) return state;
  if (today < state.today) throw new RangeError(`boardAt: the board's day cannot go back (${state.today} -> ${today}); build a new state`);
  const shown = state.month === state.today.slice(0, 7) ? today.slice(0, 7) : state.month;
  return {
    ...state,
    today,
    month: shown,
    calendar: sqdcpCalendarFromIndex(state.index, shown, today),
    tiles: tilesFor(state.index, defsById, today, state.shiftOrder),
  };
}
